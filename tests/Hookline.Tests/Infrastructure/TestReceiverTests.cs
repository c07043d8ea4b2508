using System.Net;
using System.Text;

namespace Hookline.Tests.Infrastructure;

public sealed class TestReceiverTests
{
    [Fact]
    public async Task Receiver_RecordsEachRequest_AndAnswersFromTheQueueThenTheResponder()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Enqueue(new ReceiverResponse(503, RetryAfter: "7"));
        receiver.RespondWith(r => new ReceiverResponse(r.Path == "/gone" ? 410 : 202, Body: "ok"));
        using var client = new HttpClient();

        using var first = await client.PostAsync(receiver.Url("/a?x=1"), new StringContent("one", Encoding.UTF8, "text/plain"));
        using var second = await client.PutAsync(receiver.Url("/gone"), new StringContent("two"));
        using var third = await client.PostAsync(receiver.Url("/b"), new StringContent("three"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        var requests = await receiver.WaitForRequestsAsync(3);
        Assert.Equal([1, 2, 3], requests.Select(r => r.Sequence));
        Assert.Equal(["POST", "PUT", "POST"], requests.Select(r => r.Method));
        Assert.Equal("?x=1", requests[0].Query);
        Assert.Equal("one", requests[0].BodyText);
        Assert.Equal("text/plain; charset=utf-8", requests[0].Header("content-type"));
    }

    [Fact]
    public async Task StoppedReceiver_RefusesConnections_ThenRestartsOnTheSamePort_KeepingItsLog()
    {
        await using var receiver = await TestReceiver.StartAsync();
        using var client = new HttpClient();
        using (await client.PostAsync(receiver.Url(), new StringContent("before")))
        {
        }

        var port = receiver.Port;
        await receiver.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(receiver.Url(), new StringContent("during")));
        await receiver.RestartAsync();
        using (await client.PostAsync(receiver.Url(), new StringContent("after")))
        {
        }

        Assert.Equal(port, receiver.Port);
        Assert.Equal(["before", "after"], receiver.Requests.Select(r => r.BodyText));
    }
}

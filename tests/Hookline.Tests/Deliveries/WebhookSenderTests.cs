using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Hookline.Tests.Deliveries.DeliveryServices;

namespace Hookline.Tests.Deliveries;

public sealed class WebhookSenderTests : ReceiverTest
{
    private static readonly HashSet<int> AllSuccessCodes = [200, 201, 202, 203, 204];

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(203)]
    [InlineData(204)]
    public async Task Attempt_IsDelivered_WhenStatusIsAConfiguredSuccessCode(int status)
    {
        var result = await SendAnsweredBy(new ReceiverResponse(status), successCodes: [status]);

        Assert.True(result.Delivered);
        Assert.Equal(status, result.StatusCode);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task Attempt_IsNotDelivered_WhenSuccessStatusIsNotAmongTheWebhooksCodes()
    {
        var result = await SendAnsweredBy(new ReceiverResponse(204), successCodes: [200]);

        Assert.False(result.Delivered);
        Assert.Equal(204, result.StatusCode);
        Assert.Equal("HTTP 204 is not a success code", result.Error);
    }

    [Fact]
    public async Task Attempt_IsNotDelivered_AndKeepsTheResponseExcerpt_WhenReceiverAnswers500()
    {
        var result = await SendAnsweredBy(new ReceiverResponse(500, Body: "database is down"));

        Assert.False(result.Delivered);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("HTTP 500 is not a success code", result.Error);
        Assert.Equal("database is down", result.ResponseExcerpt);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task ResponseExcerpt_IsTheFirst4KiB_OfALongBody()
    {
        var result = await SendAnsweredBy(new ReceiverResponse(200, Body: new string('x', 100_000)));

        Assert.True(result.Delivered);
        Assert.Equal(new string('x', 4096), result.ResponseExcerpt);
    }

    [Fact]
    public async Task ResponseExcerpt_DropsACharacterSplitByTheLimit()
    {
        var result = await SendAnsweredBy(new ReceiverResponse(200, Body: "abcé€"), o => o.ResponseExcerptBytes = 6);

        // "abc" (3 bytes), "é" (2 bytes), then only the first of the three bytes of "€".
        Assert.Equal("abcé", result.ResponseExcerpt);
    }

    [Fact]
    public async Task ResponseExcerpt_IsNull_WhenTheResponseHasNoBody()
    {
        var result = await SendAnsweredBy(new ReceiverResponse(204));

        Assert.Null(result.ResponseExcerpt);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Redirect_IsNotFollowed_AndIsAFailure(int status)
    {
        var elsewhere = Receiver.Url("/elsewhere").ToString();

        var result = await SendAnsweredBy(new ReceiverResponse(status, Location: elsewhere));

        Assert.False(result.Delivered);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal($"HTTP {status}: redirect to {elsewhere} not followed", result.Error);
        Assert.Equal(["/hook"], Receiver.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Attempt_TimesOut_WhenReceiverAnswersAfterTheTimeout()
    {
        var slow = new ReceiverResponse(200, Delay: TimeSpan.FromMinutes(1));

        var result = await SendAnsweredBy(slow, o => o.Timeout = TimeSpan.FromMilliseconds(300));

        Assert.False(result.Delivered);
        Assert.Null(result.StatusCode);
        Assert.Equal("timed out after 0.3 s", result.Error);
        Assert.Single(Receiver.Requests);
    }

    [Fact]
    public async Task Attempt_Fails_WhenConnectionIsRefused()
    {
        var closedPort = BoundThenClosedPort();
        await using var services = AllowingPrivateNetworks();

        var result = await Send(services, Request(new Uri($"http://127.0.0.1:{closedPort}/hook")));

        Assert.False(result.Delivered);
        Assert.Null(result.StatusCode);
        Assert.StartsWith("connection failed: Connection refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attempt_Fails_WithoutSending_WhenUrlIsNotHttp()
    {
        await using var services = AllowingPrivateNetworks();

        var result = await Send(services, Request(new Uri($"ftp://127.0.0.1:{Receiver.Port}/hook")));

        Assert.False(result.Delivered);
        Assert.StartsWith("unsupported URL", result.Error, StringComparison.Ordinal);
        Assert.Empty(Receiver.Requests);
    }

    [Fact]
    public async Task Attempt_Fails_WithoutSending_WhenSigningSecretIsMalformed()
    {
        await using var services = AllowingPrivateNetworks();

        var result = await Send(services, Request(Receiver.Url(), secret: "whsec_not base64!"));

        Assert.False(result.Delivered);
        Assert.StartsWith("request not sent: The signing secret", result.Error, StringComparison.Ordinal);
        Assert.Empty(Receiver.Requests);
    }

    [Fact]
    public async Task CallersCancellation_IsThrown_NotRecordedAsAFailure()
    {
        Receiver.Enqueue(new ReceiverResponse(200, Delay: TimeSpan.FromMinutes(1)));
        await using var services = AllowingPrivateNetworks();
        using var stopping = new CancellationTokenSource();

        var sending = Send(services, Request(Receiver.Url()), stopping.Token);
        await Receiver.WaitForRequestsAsync(1);
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Theory]
    [InlineData(429, 120)]
    [InlineData(503, 120)]
    [InlineData(500, null)]
    [InlineData(502, null)]
    public async Task RetryAfterInSeconds_IsRead_On429And503Only(int status, int? expectedSeconds)
    {
        var result = await SendAnsweredBy(new ReceiverResponse(status, RetryAfter: "120"));

        Assert.False(result.Delivered);
        Assert.Equal(expectedSeconds, (int?)result.RetryAfter?.TotalSeconds);
    }

    [Fact]
    public async Task RetryAfterAsHttpDate_IsReadAsTheWaitFromTheResponse()
    {
        // Relative to the receiver's Date header, which has whole seconds: allow for the second it falls in.
        var at = DateTimeOffset.UtcNow.AddMinutes(10).ToString("r", CultureInfo.InvariantCulture);

        var result = await SendAnsweredBy(new ReceiverResponse(503, RetryAfter: at));

        Assert.NotNull(result.RetryAfter);
        Assert.InRange(result.RetryAfter.Value, TimeSpan.FromSeconds(598), TimeSpan.FromSeconds(601));
    }

    [Fact]
    public async Task RetryAfterInThePast_IsNoWait()
    {
        var past = DateTimeOffset.UtcNow.AddHours(-1).ToString("r", CultureInfo.InvariantCulture);

        var result = await SendAnsweredBy(new ReceiverResponse(429, RetryAfter: past));

        Assert.Equal(TimeSpan.Zero, result.RetryAfter);
    }

    [Fact]
    public async Task StartedAt_IsTakenFromTheTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2019, 3, 28, 0, 5, 0, TimeSpan.Zero));
        await using var services = AllowingPrivateNetworks(time: time);

        var result = await Send(services, Request(Receiver.Url()));

        Assert.Equal(time.GetUtcNow(), result.StartedAt);
    }

    internal static Task<AttemptResult> Send(ServiceProvider services, OutboundRequest request, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<WebhookSender>().SendAsync(request, cancellationToken);

    private async Task<AttemptResult> SendAnsweredBy(
        ReceiverResponse answer,
        Action<DeliveryOptions>? configure = null,
        HashSet<int>? successCodes = null)
    {
        Receiver.Enqueue(answer);
        await using var services = AllowingPrivateNetworks(configure);
        return await Send(services, Request(Receiver.Url(), successCodes: successCodes ?? AllSuccessCodes));
    }

    private static int BoundThenClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

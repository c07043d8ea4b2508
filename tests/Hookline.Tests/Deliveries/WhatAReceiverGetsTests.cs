using System.Globalization;
using Hookline.Deliveries;
using Hookline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using static Hookline.Tests.Deliveries.DeliveryServices;
using static Hookline.Tests.Deliveries.WebhookSenderTests;

namespace Hookline.Tests.Deliveries;

/// <summary>The request as the receiver sees it: API.md, "What a receiver gets".</summary>
public sealed class WhatAReceiverGetsTests : ReceiverTest
{
    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Receiver_GetsTheWebhooksMethodUrlAndBody(string method)
    {
        await using var services = AllowingPrivateNetworks();

        await Send(services, Request(Receiver.Url("/calls/in?site=7"), body: """{"ani":"7776734736"}""", method: method));

        var received = Assert.Single(Receiver.Requests);
        Assert.Equal(method, received.Method);
        Assert.Equal("/calls/in", received.Path);
        Assert.Equal("?site=7", received.Query);
        Assert.Equal("""{"ani":"7776734736"}""", received.BodyText);
    }

    [Fact]
    public async Task Receiver_GetsContentTypeUserAgentAndTheWebhooksHeaders()
    {
        await using var services = AllowingPrivateNetworks();
        KeyValuePair<string, string>[] headers = [new("Authorization", "Bearer s3cret"), new("X-Account", "42"), new("Content-Language", "en")];

        await Send(services, Request(Receiver.Url(), headers: headers));

        var received = Assert.Single(Receiver.Requests);
        Assert.Equal("application/json", received.Header("Content-Type"));
        Assert.Equal(WebhookSender.UserAgent, received.Header("User-Agent"));
        Assert.StartsWith("Hookline/0.1.0", received.Header("User-Agent"), StringComparison.Ordinal);
        Assert.Equal("Bearer s3cret", received.Header("Authorization"));
        Assert.Equal("42", received.Header("X-Account"));
        Assert.Equal("en", received.Header("Content-Language"));
    }

    [Fact]
    public async Task WebhooksContentTypeHeader_ReplacesTheTemplatesContentType()
    {
        await using var services = AllowingPrivateNetworks();

        await Send(services, Request(Receiver.Url(), headers: [new("content-type", "application/vnd.crm+json")]));

        Assert.Equal("application/vnd.crm+json", Assert.Single(Receiver.Requests).Header("Content-Type"));
    }

    [Fact]
    public async Task Receiver_GetsStandardWebhooksIdAndTimestamp_FromTheDeliveryAndTheClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2019, 3, 28, 0, 5, 0, TimeSpan.Zero));
        await using var services = AllowingPrivateNetworks(time: time);

        await Send(services, Request(Receiver.Url()));

        var received = Assert.Single(Receiver.Requests);
        Assert.Equal("dlv_0001", received.Header("webhook-id"));
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), received.Header("webhook-timestamp"));
    }

    [Fact]
    public async Task Signature_IsVerifiedByTheStandardWebhooksLibrary()
    {
        var secret = WebhookSignature.GenerateSecret();
        await using var services = AllowingPrivateNetworks();

        await Send(services, Request(Receiver.Url(), body: """{"caller":"Zoë","city":"Zürich"}""", secret: secret));

        var received = Assert.Single(Receiver.Requests);
        new StandardWebhook(secret).Verify(received.BodyText, HeadersOf(received));
    }

    [Fact]
    public async Task Signature_FailsVerification_WhenTheBodyIsAltered()
    {
        var secret = WebhookSignature.GenerateSecret();
        await using var services = AllowingPrivateNetworks();

        await Send(services, Request(Receiver.Url(), body: """{"amount":1}""", secret: secret));

        var received = Assert.Single(Receiver.Requests);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify("""{"amount":2}""", HeadersOf(received)));
    }

    [Fact]
    public async Task WebhooksOwnSignatureHeaders_AreReplaced_SoTheSignatureStillVerifies()
    {
        var secret = WebhookSignature.GenerateSecret();
        await using var services = AllowingPrivateNetworks();
        KeyValuePair<string, string>[] headers = [new("webhook-id", "forged"), new("Webhook-Signature", "v1,forged")];

        await Send(services, Request(Receiver.Url(), headers: headers, secret: secret));

        var received = Assert.Single(Receiver.Requests);
        Assert.Equal("dlv_0001", received.Header("webhook-id"));
        new StandardWebhook(secret).Verify(received.BodyText, HeadersOf(received));
    }

    private static HeaderDictionary HeadersOf(ReceivedRequest request) =>
        new(request.Headers.ToDictionary(h => h.Key, h => new StringValues(h.Value), StringComparer.OrdinalIgnoreCase));
}

using System.Text;
using Hookline.Deliveries;
using StandardWebhooks;

namespace Hookline.Tests.Deliveries;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void GeneratedSecret_IsWhsecPrefixedBase64Of32RandomBytes()
    {
        var secret = WebhookSignature.GenerateSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.GenerateSecret());
    }

    [Fact]
    public void Signature_MatchesTheStandardWebhooksSpecExample()
    {
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<adf><prospect/></adf>")]
    [InlineData("""{"caller":"Zoë","note":"Straße, 東京"}""")]
    public void Signature_AgreesWithTheStandardWebhooksLibrary(string body)
    {
        var secret = WebhookSignature.GenerateSecret();
        var timestamp = new DateTimeOffset(2019, 3, 28, 0, 5, 0, TimeSpan.Zero);

        var ours = WebhookSignature.Sign(secret, "dlv_42", timestamp.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body));

        Assert.Equal(new StandardWebhook(secret).Sign("dlv_42", timestamp, body), ours);
    }

    [Fact]
    public void Signature_WorksWithASecretWithoutItsPrefix()
    {
        var body = Encoding.UTF8.GetBytes("{}");

        Assert.Equal(
            WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id", 1, body),
            WebhookSignature.Sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id", 1, body));
    }

    [Fact]
    public void Signature_RefusesAMalformedSecret()
    {
        Assert.Throws<FormatException>(() => WebhookSignature.Sign("whsec_%%%", "id", 1, []));
    }
}

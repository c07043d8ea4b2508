using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Webhooks;

public class WebhooksApiTests
{
    private static object Webhook(string url = "http://127.0.0.1:9/leads", object? headers = null, object? successCodes = null) => new
    {
        name = "Dealer CRM",
        url,
        templateId = "builtin-adf-xml",
        method = "PUT",
        headers = headers ?? new[] { new { name = "X-Api-Key", value = "s3cr3t-value", secret = true }, new { name = "X-Source", value = "hookline", secret = false } },
        successCodes = successCodes ?? new[] { 200, 202 },
    };

    [Theory, Providers]
    public async Task Create_ReturnsSigningSecretOnce_AndMasksSecretHeaders(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", Webhook());
        Assert.StartsWith("whsec_", created.GetProperty("signingSecret").GetString(), StringComparison.Ordinal);
        Assert.Equal("PUT", created.GetProperty("method").GetString());
        Assert.Equal([200, 202], created.GetProperty("successCodes").EnumerateArray().Select(c => c.GetInt32()));
        Assert.DoesNotContain("s3cr3t-value", created.GetRawText(), StringComparison.Ordinal);

        var id = created.GetProperty("id").GetString();
        var read = await tenant.Client.GetOk($"/api/v1/webhooks/{id}");
        Assert.DoesNotContain("s3cr3t-value", read.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("signingSecret").ValueKind);
        var headers = read.GetProperty("headers").EnumerateArray().ToList();
        Assert.Equal("********", headers[0].GetProperty("value").GetString());
        Assert.Equal("hookline", headers[1].GetProperty("value").GetString());
        var listed = await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/webhooks");
        Assert.DoesNotContain("s3cr3t-value", listed.GetRawText(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Create_DefaultsToPostAndAllFiveSuccessCodes(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = "http://127.0.0.1:9/", templateId = "builtin-standard-json" });
        Assert.Equal("POST", created.GetProperty("method").GetString());
        Assert.Equal([200, 201, 202, 203, 204], created.GetProperty("successCodes").EnumerateArray().Select(c => c.GetInt32()));
    }

    [Theory, Providers]
    public async Task Update_WithMaskedSecret_KeepsTheStoredValue(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", Webhook());
        var id = created.GetProperty("id").GetString();
        var updated = await tenant.Client.PutOk($"/api/v1/webhooks/{id}", Webhook(headers: new[] { new { name = "X-Api-Key", value = "********", secret = true } }));
        Assert.Equal("********", updated.GetProperty("headers")[0].GetProperty("value").GetString());

        await using var scope = tenant.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Hookline.Storage.HooklineDbContext>();
        var stored = await db.Webhooks.FindAsync(id);
        var protector = scope.ServiceProvider.GetRequiredService<Hookline.Webhooks.SecretProtector>();
        Assert.NotEqual("s3cr3t-value", stored!.Headers[0].Value);
        Assert.Equal("s3cr3t-value", protector.Unprotect(stored.Headers[0].Value));
    }

    [Theory]
    [InlineData(Databases.Sqlite, "X-Other", true)]
    [InlineData(Databases.Sqlite, "X-Api-Key", false)]
    [InlineData(Databases.Postgres, "X-Other", true)]
    [InlineData(Databases.Postgres, "X-Api-Key", false)]
    public async Task Update_WithTheMask_ForNoStoredSecretOfThatHeader_Is400_AndKeepsTheSecret(string provider, string name, bool secret)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", Webhook());
        var id = created.GetProperty("id").GetString();
        // A renamed secret header, or one flipped to not secret, cannot take the stored value along with the mask.
        using var response = await tenant.Client.PutAsJsonAsync($"/api/v1/webhooks/{id}", Webhook(headers: new[] { new { name, value = "********", secret } }));
        Assert.Equal(["headers[0].value"], (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());

        await using var scope = tenant.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Hookline.Storage.HooklineDbContext>();
        var stored = await db.Webhooks.FindAsync(id);
        var protector = scope.ServiceProvider.GetRequiredService<Hookline.Webhooks.SecretProtector>();
        Assert.Equal("X-Api-Key", stored!.Headers[0].Name);
        Assert.Equal("s3cr3t-value", protector.Unprotect(stored.Headers[0].Value));
    }

    [Theory, Providers]
    public async Task Update_WithANonAsciiHeaderValue_Is400_AndTheWebhookKeepsDelivering(string provider)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var setup = await CallSetup.CreateAsync(await Tenant.CreateAsync(provider), receiver, moments: ["begin"]);
        var webhook = await setup.Tenant.Client.GetOk($"/api/v1/webhooks/{setup.WebhookId}");
        using (var refused = await setup.Tenant.Client.PutAsJsonAsync($"/api/v1/webhooks/{setup.WebhookId}", new
        {
            name = "CRM", url = webhook.GetProperty("url").GetString(), templateId = webhook.GetProperty("templateId").GetString(),
            headers = new[] { new { name = "X-Api-Key", value = "********", secret = true }, new { name = "X-Contact", value = "José Müller", secret = false } },
        }))
        {
            Assert.Equal(["headers[1].value"], (await refused.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        }

        // Every visible ASCII character, and a tab inside, reaches the receiver as it was given.
        var visible = "a\tb " + new string([.. Enumerable.Range(0x21, 0x7e - 0x21 + 1).Select(c => (char)c)]);
        await setup.Tenant.Client.PutOk($"/api/v1/webhooks/{setup.WebhookId}", new
        {
            name = "CRM", url = webhook.GetProperty("url").GetString(), templateId = webhook.GetProperty("templateId").GetString(),
            headers = new[] { new { name = "X-Api-Key", value = "********", secret = true }, new { name = "X-Contact", value = visible, secret = false } },
        });
        await setup.Post(setup.Begin(Guid.NewGuid().ToString()));
        var request = (await receiver.WaitForRequestsAsync(1))[0];
        Assert.Equal(visible, request.Header("X-Contact"));
        Assert.Equal("k-123", request.Header("X-Api-Key"));
    }

    public static TheoryData<string, object, string> BadWebhooks => new()
    {
        { Databases.Sqlite, Webhook(url: "javascript:alert(1)"), "url" },
        { Databases.Sqlite, Webhook(url: "/relative/path"), "url" },
        { Databases.Sqlite, Webhook(url: "ftp://crm.example.com/"), "url" },
        { Databases.Sqlite, Webhook(headers: new[] { new { name = "X-Evil", value = "a\r\nInjected: yes", secret = false } }), "headers[0].value" },
        { Databases.Sqlite, Webhook(headers: new[] { new { name = "Host", value = "internal", secret = false } }), "headers[0].name" },
        { Databases.Sqlite, Webhook(headers: new[] { new { name = "Transfer-Encoding", value = "chunked", secret = false } }), "headers[0].name" },
        { Databases.Sqlite, Webhook(headers: new[] { new { name = "Bad Name", value = "x", secret = false } }), "headers[0].name" },
        { Databases.Sqlite, Webhook(successCodes: new[] { 200, 302 }), "successCodes" },
        { Databases.Sqlite, Webhook(url: "http://crm.example.com:0/leads"), "url" },
        { Databases.Sqlite, Webhook(headers: new[] { new { name = "X-Contact", value = "José Müller 北京", secret = false } }), "headers[0].value" },
        { Databases.Sqlite, Webhook(headers: new[] { new { name = "X-Key", value = "clé", secret = true } }), "headers[0].value" },
        { Databases.Sqlite, Webhook(headers: new[] { new { name = "X-Api-Key", value = "********", secret = true } }), "headers[0].value" },
        { Databases.Postgres, Webhook(url: "http://crm.example.com:0/leads"), "url" },
        { Databases.Postgres, Webhook(headers: new[] { new { name = "X-Contact", value = "José Müller 北京", secret = false } }), "headers[0].value" },
        { Databases.Postgres, Webhook(headers: new[] { new { name = "X-Api-Key", value = "********", secret = true } }), "headers[0].value" },
        { Databases.Postgres, Webhook(url: "javascript:alert(1)"), "url" },
        { Databases.Postgres, Webhook(headers: new[] { new { name = "X-Evil", value = "a\nb", secret = false } }), "headers[0].value" },
        { Databases.Postgres, Webhook(headers: new[] { new { name = "Content-Length", value = "1", secret = false } }), "headers[0].name" },
    };

    [Theory, MemberData(nameof(BadWebhooks))]
    public async Task Create_WithBadField_Is400_NamingIt_AndStoresNothing(string provider, object body, string field)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/webhooks", body);
        Assert.Contains(field, (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Empty((await tenant.Client.GetOk($"/api/v1/locations/{tenant.LocationId}/webhooks")).EnumerateArray());
    }

    [Theory, Providers]
    public async Task Create_WithAnotherGroupsTemplate_Is400(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var other = await Tenant.CreateAsync(provider, "Other Dealer");
        var theirs = await other.Client.PostOk("/api/v1/templates", new { name = "theirs", type = "json", format = "{\"a\": 1}" });
        using var response = await tenant.Client.PostAsJsonAsync($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = "http://127.0.0.1:9/", templateId = theirs.GetProperty("id").GetString() });
        Assert.Contains("templateId", (await response.Problem(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Theory, Providers]
    public async Task RotateSigningSecret_ReturnsANewSecret(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks", Webhook());
        var rotated = await tenant.Client.PostOk($"/api/v1/webhooks/{created.GetProperty("id").GetString()}/signing-secret", new { });
        Assert.StartsWith("whsec_", rotated.GetProperty("signingSecret").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(created.GetProperty("signingSecret").GetString(), rotated.GetProperty("signingSecret").GetString());
    }
}

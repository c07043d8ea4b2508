using System.Security.Claims;
using Hookline.Auth;
using Hookline.Storage;
using Hookline.Templates;
using Hookline.Tests.Infrastructure;
using Hookline.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hookline.Tests.Webhooks;

/// <summary>
/// The web UI shows a webhook's signing secret on one page render only; the API shows it in its answer. And the
/// wizard's "Create Template" saves the template and the webhook together or not at all.
/// </summary>
public class SigningSecretOnceTests
{
    private static ClaimsPrincipal UserOf(Tenant tenant) =>
        new(new ClaimsIdentity([new Claim(Caller.GroupClaim, tenant.GroupId)], "test"));

    private static WebhookRequest Request(string templateId = "builtin-standard-json") =>
        new("CRM", "https://crm.example.com/leads", templateId, null, null, null);

    private static async Task<T> InScopeAsync<T>(Tenant tenant, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = tenant.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Theory, Providers]
    public async Task TheSigningSecret_OfAWebhookThePagesMade_IsTakenOnce_ThoughTwoRequestsAskAtOnce(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var user = UserOf(tenant);
        var created = await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>()
            .CreateAsync(tenant.LocationId, Request(), user, revealOnPage: true, CancellationToken.None));
        var id = created.Value.Webhook.Id;

        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => InScopeAsync(tenant, s =>
            s.GetRequiredService<WebhookService>().TakeUnseenSigningSecretAsync(id, user, CancellationToken.None))));

        Assert.Equal(created.Value.SigningSecret, Assert.Single(taken, t => t is not null));
        Assert.Null(await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>().TakeUnseenSigningSecretAsync(id, user, CancellationToken.None)));
    }

    [Theory, Providers]
    public async Task TheApisCreateAndRotate_LeaveNoSecretForAPage_WhileTheRotationOfAPageDoes(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var user = UserOf(tenant);
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = "https://crm.example.com/leads", templateId = "builtin-standard-json" });
        var id = webhook.GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", webhook.GetProperty("signingSecret").GetString(), StringComparison.Ordinal);
        Task<string?> TakeAsync() => InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>().TakeUnseenSigningSecretAsync(id, user, CancellationToken.None));
        Assert.Null(await TakeAsync());

        var rotated = await tenant.Client.PostOk($"/api/v1/webhooks/{id}/signing-secret", new { });
        Assert.StartsWith("whsec_", rotated.GetProperty("signingSecret").GetString(), StringComparison.Ordinal);
        Assert.Null(await TakeAsync());

        var byPage = await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>().RotateSigningSecretAsync(id, user, revealOnPage: true, CancellationToken.None));
        Assert.Equal(byPage.Value, await TakeAsync());
        Assert.Null(await TakeAsync());
    }

    [Theory, Providers]
    public async Task AnotherGroup_TakesNoSigningSecret(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var other = await Tenant.CreateAsync(provider, "Other Dealer");
        var created = await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>()
            .CreateAsync(tenant.LocationId, Request(), UserOf(tenant), revealOnPage: true, CancellationToken.None));
        var id = created.Value.Webhook.Id;
        Assert.Null(await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>().TakeUnseenSigningSecretAsync(id, UserOf(other), CancellationToken.None)));
        Assert.Equal(created.Value.SigningSecret,
            await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>().TakeUnseenSigningSecretAsync(id, UserOf(tenant), CancellationToken.None)));
    }

    [Theory, Providers]
    public async Task CreateWithTemplate_NamesEveryError_OfTheWebhookAndOfTheTemplate_AndSavesNothing(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var user = UserOf(tenant);
        var template = new TemplateRequest("", null, "json", """{"first": "", "last": "" "phone": ""}""", null);
        var outcome = await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>().CreateWithTemplateAsync(
            tenant.LocationId, template, Request() with { Url = "ftp://crm.example.com", TemplateId = null }, s.GetRequiredService<TemplateService>(), user,
            revealOnPage: true, CancellationToken.None));

        Assert.False(outcome.IsOk);
        Assert.Equal(["template.format", "template.name", "url"], outcome.Failure!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("line 1, column 26:", outcome.Failure.Errors["template.format"][0], StringComparison.Ordinal);
        await using var db = tenant.App.OpenDatabase();
        Assert.Equal(0, await db.Templates.CountAsync(t => t.GroupId == tenant.GroupId));
        Assert.Equal(0, await db.Webhooks.CountAsync(w => w.GroupId == tenant.GroupId));
    }

    [Theory, Providers]
    public async Task CreateWithTemplate_SavesTheTemplateAndTheWebhookThatSendsIt(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var user = UserOf(tenant);
        var template = new TemplateRequest("Help page lead", null, "json", """{"first": "", "last": "", "phone": ""}""",
            new() { ["first"] = "%ani_first_name%", ["phone"] = "%ani%" });
        var outcome = await InScopeAsync(tenant, s => s.GetRequiredService<WebhookService>().CreateWithTemplateAsync(
            tenant.LocationId, template, Request() with { TemplateId = null }, s.GetRequiredService<TemplateService>(), user, revealOnPage: false,
            CancellationToken.None));

        var webhook = await tenant.Client.GetOk($"/api/v1/webhooks/{outcome.Value.Webhook.Id}");
        var stored = await tenant.Client.GetOk($"/api/v1/templates/{webhook.GetProperty("templateId").GetString()}");
        Assert.Equal("Help page lead", stored.GetProperty("name").GetString());
        Assert.Equal(tenant.GroupId, stored.GetProperty("groupId").GetString());
        Assert.Equal("%ani%", stored.GetProperty("mappings").GetProperty("phone").GetString());
    }
}

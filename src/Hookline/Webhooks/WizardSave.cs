using System.Security.Claims;
using Hookline.Api;
using Hookline.Locations;
using Hookline.Templates;

namespace Hookline.Webhooks;

/// <summary>What the wizard's Finish saves, and where the person goes next.</summary>
internal static class WizardSave
{
    /// <param name="services">One scope's: the template and the webhook share its DbContext, and so its transaction.</param>
    /// <param name="chosen">The existing template chosen, or null with Create Template.</param>
    /// <param name="existing">The webhook being edited, or null for a new one.</param>
    /// <returns>The address to go to: Webhook Management for a new webhook (which shows its signing secret), the webhook's page after Edit.</returns>
    public static async Task<Outcome<string>> SaveAsync(
        IServiceProvider services, WebhookDraft draft, TemplateFields fields, TemplateView? chosen, Location location, Webhook? existing,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var webhooks = services.GetRequiredService<WebhookService>();
        var templates = services.GetRequiredService<TemplateService>();
        var request = draft.ToRequest();
        if (draft.CreateTemplate)
        {
            var template = draft.ToTemplateRequest(fields.Explicit(draft.Choices));
            return existing is null
                ? Then(await webhooks.CreateWithTemplateAsync(location.Id, template, request, templates, user, revealOnPage: true, ct).ConfigureAwait(false),
                    c => WebhookPaths.Created(location.Id, c.Webhook.Id))
                : Then(await webhooks.UpdateWithTemplateAsync(existing.Id, template, request, templates, user, ct).ConfigureAwait(false), w => WebhookPaths.Page(w.Id));
        }
        // The template's mapping first: a webhook saved without the mapping it was shown with would send other bodies.
        if (chosen?.Stored is { } stored && fields.Changed(draft.Choices)
            && (await templates.SetMappingsAsync(stored.Id, fields.Explicit(draft.Choices), user, ct).ConfigureAwait(false)).Failure is { } remapped)
            return remapped;
        return existing is null
            ? Then(await webhooks.CreateAsync(location.Id, request, user, revealOnPage: true, ct).ConfigureAwait(false), c => WebhookPaths.Created(location.Id, c.Webhook.Id))
            : Then(await webhooks.UpdateAsync(existing.Id, request, user, ct).ConfigureAwait(false), w => WebhookPaths.Page(w.Id));
    }

    private static Outcome<string> Then<T>(Outcome<T> outcome, Func<T, string> next) => outcome.IsOk ? next(outcome.Value) : outcome.Failure!;
}

using System.Security.Claims;
using System.Text.Json;
using Hookline.Api;
using Hookline.Auth;
using Hookline.Deliveries;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Calls;

public static class CallsApi
{
    /// <summary>A batch of 1,000 events with full DNI data runs past the 1 MiB of the management routes.</summary>
    public const long MaxBatchBytes = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapCalls(this RouteGroupBuilder api)
    {
        api.MapPost("/calls/events", Accept).WithTags("Call intake")
            .WithSummary("Post one call event or an array of up to 1,000; answered once they and their deliveries are stored")
            .Accepts<JsonElement>("application/json");
        return api;
    }

    private static async Task<Results<Accepted<IntakeResult>, ProblemHttpResult>> Accept(
        HttpRequest request, ClaimsPrincipal user, CallIntake intake, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBatchBytes;
        if (!request.HasJsonContentType())
            return Problems.Invalid(ApiExceptionHandler.Body, "The body must be JSON, sent with Content-Type: application/json.");

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = HooklineJson.MaxDepth }, ct).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var (field, message) = ApiExceptionHandler.Describe(e);
            return Problems.Invalid(field, message);
        }
        using (document)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (CallEventRequest.Read(document.RootElement, errors) is not { } events) return Problems.Validation(errors);
            // The intake hands its deliveries to the dispatcher itself, or wakes the claim for them.
            var result = await intake.AcceptAsync(events, user.IsAdmin() ? null : user.GroupId(), ct).ConfigureAwait(false);
            return TypedResults.Accepted((string?)null, result);
        }
    }
}

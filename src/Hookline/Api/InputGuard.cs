namespace Hookline.Api;

/// <summary>
/// Refuses a NUL character in a request's query string or posted form before any endpoint or page reads it:
/// PostgreSQL text cannot hold one, and no id, filter or field has a use for it. The path cannot carry one (Kestrel
/// refuses it), and JSON bodies are guarded where they are read (<see cref="NulFreeStringConverter"/>, the intake's
/// reader). The answer is a 400 naming the field, for the API and the pages alike.
/// </summary>
public static class InputGuard
{
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var refused = Refused(request.Query);
        if (refused is null && request.HasFormContentType && !HttpMethods.IsGet(request.Method))
        {
            try
            {
                refused = Refused(await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false));
            }
            catch (InvalidDataException e)
            {
                // The framework's form reader refuses a NUL (or a form over its limits) itself, without naming the field.
                await RefuseAsync(context, "form", $"The form could not be read: {e.Message}").ConfigureAwait(false);
                return;
            }
        }
        if (refused is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        await RefuseAsync(context, refused, $"{refused} must not contain the NUL character (%00).").ConfigureAwait(false);
    });

    private static Task RefuseAsync(HttpContext context, string field, string message) =>
        Problems.WriteAsync(context, StatusCodes.Status400BadRequest, message, new Dictionary<string, string[]> { [field] = [message] });

    private static string? Refused(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields)
    {
        foreach (var (name, values) in fields)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                return name.Replace("\0", "", StringComparison.Ordinal);
        }
        return null;
    }
}

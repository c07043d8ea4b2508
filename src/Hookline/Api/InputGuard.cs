namespace Hookline.Api;

/// <summary>
/// Refuses a NUL character in an API request's route values and query string before a handler reads them: PostgreSQL
/// text cannot hold one, and no id or filter has a use for it. Bodies are guarded where they are read
/// (<see cref="NulFreeStringConverter"/>, the intake's reader).
/// </summary>
public static class InputGuard
{
    public static async ValueTask<object?> RefuseNul(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && text.Contains('\0', StringComparison.Ordinal)) return Refused(name);
        }
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                return Refused(name.Replace("\0", "", StringComparison.Ordinal));
        }
        return await next(context).ConfigureAwait(false);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(string name) => Problems.Invalid(name, $"{name} must not contain the NUL character (%00).");
}

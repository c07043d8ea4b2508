using Hookline.Api;

namespace Hookline.Web;

/// <summary>The status of a page that shows a failed outcome: the form again (400, or 409 for a clash), or "Not found" (404).</summary>
public static class FailureStatus
{
    public static int Of(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            OutcomeKind.NotFound or OutcomeKind.Forbidden => StatusCodes.Status404NotFound,
            OutcomeKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
    }

    /// <summary>A failure of the form itself (its rows), shaped like a service's, so a page shows both the same way.</summary>
    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(OutcomeKind.Invalid, string.Join(" ", errors.SelectMany(e => e.Value)), errors);
    }
}

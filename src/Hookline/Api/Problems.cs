using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hookline.Api;

/// <summary>RFC 7807 answers used across the API.</summary>
public static class Problems
{
    /// <summary>The answer to a failed outcome of a service: the one place that picks its status code.</summary>
    public static ProblemHttpResult From(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            OutcomeKind.Invalid => Validation(failure.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)),
            OutcomeKind.Unprocessable => Status(StatusCodes.Status422UnprocessableEntity, "Unprocessable content", failure),
            OutcomeKind.NotFound => Status(StatusCodes.Status404NotFound, "Not Found", failure),
            OutcomeKind.Conflict => Status(StatusCodes.Status409Conflict, "Conflict", failure),
            OutcomeKind.Forbidden => Status(StatusCodes.Status403Forbidden, "Forbidden", failure),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, "Not a failure."),
        };
    }

    /// <summary>
    /// An endpoint's answer to an outcome: <paramref name="ok"/> of the value when it succeeded, the problem of
    /// <see cref="From(Failure)"/> when not.
    /// </summary>
    public static Results<TResult, ProblemHttpResult> ToHttp<T, TResult>(this Outcome<T> outcome, Func<T, TResult> ok)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(ok);
        return outcome.IsOk ? ok(outcome.Value) : From(outcome.Failure!);
    }

    private static ProblemHttpResult Status(int status, string title, Failure failure) => failure.Errors.Count == 0
        ? TypedResults.Problem(statusCode: status, title: title, detail: failure.Detail)
        : TypedResults.Problem(new HttpValidationProblemDetails(failure.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = status,
            Title = title,
            Detail = failure.Detail,
        });

    public static ProblemHttpResult Invalid(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 400 whose <c>errors</c> names each field that is wrong.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid",
            Detail = string.Join(" ", errors.SelectMany(e => e.Value)),
        });

    /// <summary>
    /// The body of an error status that came without one. The framework answers 415 by itself for a body that is not
    /// JSON; the contract's answer to that is a 400 naming the body.
    /// </summary>
    public static Task StatusCodePageAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            const string Message = "The body must be JSON, sent with Content-Type: application/json.";
            return WriteAsync(http, StatusCodes.Status400BadRequest, Message, new Dictionary<string, string[]> { [ApiExceptionHandler.Body] = [Message] });
        }
        return WriteAsync(http, http.Response.StatusCode, null);
    }

    /// <summary>Writes a problem response outside an endpoint (authentication, exception handling).</summary>
    public static Task WriteAsync(HttpContext context, int status, string? detail, IDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails()
            : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Detail = detail;
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}

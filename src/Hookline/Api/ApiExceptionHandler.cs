using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Api;

/// <summary>
/// Turns what a handler could not accept into a 4xx problem: unreadable or mistyped JSON (400 naming the
/// field and position), an oversized body (413), a write that lost a uniqueness race (409).
/// Anything else is a defect: it is logged and answered as a plain 500 problem without internals.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException bad when bad.InnerException is JsonException json:
                var field = FieldName(json.Path);
                var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
                await Problems.WriteAsync(httpContext, StatusCodes.Status400BadRequest, "The request body is not valid JSON for this route.",
                    new Dictionary<string, string[]> { [field] = [$"{field}: {Describe(json)}{where}"] }).ConfigureAwait(false);
                return true;
            case BadHttpRequestException bad:
                var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
                var detail = status == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : bad.Message;
                await Problems.WriteAsync(httpContext, status, detail).ConfigureAwait(false);
                return true;
            case DbUpdateException:
                LogConflict(logger, exception);
                await Problems.WriteAsync(httpContext, StatusCodes.Status409Conflict, "The change conflicts with another one made at the same time; read and try again.").ConfigureAwait(false);
                return true;
            default:
                LogUnhandled(logger, exception);
                await Problems.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "An unexpected error occurred.").ConfigureAwait(false);
                return true;
        }
    }

    /// <summary><c>$.headers[0].name</c> → <c>headers[0].name</c>; the whole body → <c>body</c>.</summary>
    internal static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return name.Length == 0 ? "body" : name;
    }

    private static string Describe(JsonException json) =>
        json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong type" : "is not valid JSON";

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write conflicted with a concurrent one")]
    private static partial void LogConflict(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

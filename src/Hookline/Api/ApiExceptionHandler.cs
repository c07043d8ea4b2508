using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Api;

/// <summary>
/// Turns what a handler could not accept into a 4xx problem whose <c>errors</c> names the field: unreadable,
/// mistyped, refused or too deeply nested JSON (400 with the field and position), a missing or non-JSON body and
/// a query parameter of the wrong type (400), an oversized body (413), a write that lost a uniqueness race (409), the
/// database out of reach (503, Retry-After).
/// Anything else is a defect: it is logged and answered as a plain 500 problem without internals.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public const string Body = "body";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException json }:
                var (field, message) = Describe(json);
                await Problems.WriteAsync(httpContext, StatusCodes.Status400BadRequest, message,
                    new Dictionary<string, string[]> { [field] = [message] }).ConfigureAwait(false);
                return true;
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                await Problems.WriteAsync(httpContext, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                    new Dictionary<string, string[]> { [Body] = ["The request body is too large."] }).ConfigureAwait(false);
                return true;
            case BadHttpRequestException bad:
                var (badField, badMessage) = Describe(bad);
                await Problems.WriteAsync(httpContext, StatusCodes.Status400BadRequest, badMessage,
                    new Dictionary<string, string[]> { [badField] = [badMessage] }).ConfigureAwait(false);
                return true;
            case Exception when Operations.DatabaseUnavailable.Is(exception):
                LogDatabaseUnavailable(logger, exception);
                httpContext.Response.Headers.RetryAfter = Operations.DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
                    "The database is out of reach: nothing was stored. Try again shortly.").ConfigureAwait(false);
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

    /// <summary>The field a JSON body's error is in, and what to say of it.</summary>
    internal static (string Field, string Message) Describe(JsonException json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        if (json.Message.Contains("maximum configured depth", StringComparison.Ordinal))
            return (Body, $"The body is nested too deeply: at most {HooklineJson.MaxDepth} levels of objects and arrays{where}.");
        if (json is RefusedJsonValueException refused)
        {
            var holder = refused.InName ? Parent(json.Path) : json.Path;
            var name = FieldName(holder);
            return (name, $"{name}: {refused.Message}{where}.");
        }
        var field = FieldName(json.Path);
        if (json.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
            return (field, $"{field} is given twice{where}.");
        var what = json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong type" : "is not valid JSON";
        return (field, $"{field}: {what}{where}");
    }

    /// <summary>
    /// What the framework could not bind, by the words it says it with: a missing or non-JSON body, or a route or
    /// query value of the wrong type (<c>Failed to bind parameter "DateTimeOffset? since" from "garbage".</c>).
    /// </summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return (Body, "The body must be JSON, sent with Content-Type: application/json.");
        if (BindFailure().Match(bad.Message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            return (name, $"{name}: '{Validation.Clip(failed.Groups["value"].Value)}' is not {Expected(failed.Groups["type"].Value)}.");
        }
        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            return (Body, "The request needs a JSON body (an object).");
        if (MissingParameter().Match(bad.Message) is { Success: true } missing)
            return (missing.Groups["name"].Value, $"{missing.Groups["name"].Value} is required.");
        return (Body, bad.Message);
    }

    private static string Expected(string type) => type.TrimEnd('?') switch
    {
        "DateTimeOffset" or "DateTime" => "an ISO 8601 time (2026-12-01T09:30:00Z)",
        "int" or "Int32" or "long" or "Int64" => "a whole number",
        "bool" or "Boolean" => "true or false",
        var other => $"a valid {other}",
    };

    /// <summary><c>$.headers[0].name</c> → <c>headers[0].name</c>; the whole body → <c>body</c>.</summary>
    internal static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return Body;
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return name.Length == 0 ? Body : name;
    }

    private static string? Parent(string? path)
    {
        if (path is null) return null;
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    [GeneratedRegex("""parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "(?<value>.*)"\.?$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided""")]
    private static partial Regex MissingParameter();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write conflicted with a concurrent one")]
    private static partial void LogConflict(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is out of reach; the request was answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

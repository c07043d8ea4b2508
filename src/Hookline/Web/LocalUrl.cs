namespace Hookline.Web;

public static class LocalUrl
{
    /// <summary>
    /// <paramref name="url"/> when it is a path on this server (<c>/locations/x?y</c>), otherwise <c>/</c>: a return
    /// address from a query string must not send a person to another site (<c>//evil</c>, <c>/\evil</c>, <c>https://…</c>).
    /// </summary>
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";
}

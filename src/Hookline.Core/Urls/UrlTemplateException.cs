namespace Hookline.Core.Urls;

/// <summary>
/// A webhook URL that cannot be a template: a token where it may not stand, an unknown token or modifier, or a
/// malformed <c>%</c>. <see cref="Position"/> is the 1-based character where the problem starts, when known.
/// </summary>
public sealed class UrlTemplateException : Exception
{
    public UrlTemplateException()
        : this("The URL is not valid.")
    {
    }

    public UrlTemplateException(string message)
        : base(message) => Reason = message;

    public UrlTemplateException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    public UrlTemplateException(string reason, int position, Exception? innerException = null)
        : base($"character {position}: {reason}", innerException)
    {
        Position = position;
        Reason = reason;
    }

    /// <summary>The 1-based character of the URL where the problem starts.</summary>
    public int? Position { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }
}

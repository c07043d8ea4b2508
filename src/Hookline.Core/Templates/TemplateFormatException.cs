namespace Hookline.Core.Templates;

/// <summary>
/// A template format that does not parse, or that exceeds a limit. When the place is known, <see cref="Line"/> and
/// <see cref="Column"/> give it (1-based, the column in characters) and the message contains "line L, column C".
/// </summary>
public sealed class TemplateFormatException : Exception
{
    public TemplateFormatException()
        : this("The template is not valid.")
    {
    }

    public TemplateFormatException(string message)
        : base(message) => Reason = message;

    public TemplateFormatException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    public TemplateFormatException(string reason, int line, int column, Exception? innerException = null)
        : base($"line {line}, column {column}: {reason}", innerException)
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The 1-based line of the error, when known.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column (in characters) of the error, when known.</summary>
    public int? Column { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }
}

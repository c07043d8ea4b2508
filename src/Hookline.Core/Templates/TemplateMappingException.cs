namespace Hookline.Core.Templates;

/// <summary>
/// A mapping that cannot apply: an unknown path or token, a token that does not fit where it is mapped, or an
/// expression that is too long or not one line.
/// </summary>
public sealed class TemplateMappingException : Exception
{
    public TemplateMappingException()
        : this("", "The mapping is not valid.")
    {
    }

    public TemplateMappingException(string message)
        : this("", message)
    {
    }

    public TemplateMappingException(string message, Exception innerException)
        : base(message, innerException) => Path = "";

    public TemplateMappingException(string path, string message)
        : base(message) => Path = path;

    /// <summary>The field path whose mapping is wrong.</summary>
    public string Path { get; }
}

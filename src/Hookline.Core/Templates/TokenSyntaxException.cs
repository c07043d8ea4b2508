namespace Hookline.Core.Templates;

/// <summary>A known token with a modifier or fallback that does not fit it; each caller reports it in its own terms.</summary>
internal sealed class TokenSyntaxException(string message) : Exception(message);

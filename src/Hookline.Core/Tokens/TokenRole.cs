namespace Hookline.Core.Tokens;

/// <summary>How a renderer treats a token: a plain value, one of the two nested values, or a member of an IVR step.</summary>
internal enum TokenRole
{
    Scalar,
    PromptResponses,
    Tags,
    Question,
    QuestionLink,
    Response,
}

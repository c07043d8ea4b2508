namespace Hookline.Core.Calls;

/// <summary>One IVR step of a call: the prompt played, its audio, and what the caller pressed.</summary>
public sealed record PromptResponse(string? Question, string? QuestionLink, string? Response);

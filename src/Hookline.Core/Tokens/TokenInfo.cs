namespace Hookline.Core.Tokens;

/// <summary>One data point of the catalogue.</summary>
/// <param name="Key">The token name without percent signs, e.g. <c>ani</c>; also the key in call data.</param>
/// <param name="Name">The display name, e.g. <c>ANI</c> or <c>First Name</c>.</param>
/// <param name="Category">When the value is known.</param>
/// <param name="Description">The description from the token table.</param>
/// <param name="Example">The example from the token table (may be empty).</param>
/// <param name="MemberOf"><c>prompt_responses</c> for the members of an IVR step, otherwise null.</param>
public sealed record TokenInfo(string Key, string Name, TokenCategory Category, string Description, string Example, string? MemberOf)
{
    /// <summary>The token as written in a template, e.g. <c>%ani%</c>.</summary>
    public string Token { get; } = "%" + Key + "%";

    /// <summary>The category as the API spells it: call_begin, call_end, dni, location_info or delivery.</summary>
    public string CategoryName { get; } = Category switch
    {
        TokenCategory.CallBegin => "call_begin",
        TokenCategory.CallEnd => "call_end",
        TokenCategory.Dni => "dni",
        TokenCategory.LocationInfo => "location_info",
        TokenCategory.Delivery => "delivery",
        _ => throw new ArgumentOutOfRangeException(nameof(Category), Category, "Unknown token category."),
    };

    /// <summary>A phone number, a moment, or other text: what modifiers the token takes.</summary>
    public TokenKind Kind { get; init; }

    /// <summary>True for the tokens whose value is a list or a map rather than text.</summary>
    public bool IsNested => Role is TokenRole.PromptResponses or TokenRole.Tags;

    /// <summary>Position in <see cref="TokenCatalog.All"/>; call data keeps values in a table by it.</summary>
    internal int Ordinal { get; init; }

    internal TokenRole Role { get; init; }
}

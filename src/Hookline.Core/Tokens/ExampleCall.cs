using Hookline.Core.Calls;

namespace Hookline.Core.Tokens;

/// <summary>A call in which every token has a realistic value: used for previews and test sends.</summary>
public static class ExampleCall
{
    // Where the token table's example is a description rather than a value ("1 (repeat caller)",
    // "Mobile/NonFixedVOIP/...", an empty UTM source), a value a real call would carry.
    private static readonly Dictionary<string, string> Overrides = new(StringComparer.Ordinal)
    {
        ["repeat_caller"] = "1",
        ["ani_is_valid"] = "1",
        ["ani_line_type"] = "Mobile",
        ["ani_carrier"] = "Verizon Wireless",
        ["ani_type"] = "Single Family",
        ["utm_source"] = "google",
        ["utm_medium"] = "cpc",
    };

    /// <summary>
    /// The example call: all scalar tokens, two IVR steps, and the tag Region: south; as a delivery, <c>%lead_status%</c>
    /// is <c>new</c> and <c>%event%</c> follows the moment (<c>call_begin</c>, <c>call_end</c>).
    /// </summary>
    public static CallData Call { get; } = Build();

    private static CallData Build()
    {
        var values = TokenCatalog.All
            .Where(t => t.Role == TokenRole.Scalar && t.Category != TokenCategory.Delivery)
            .ToDictionary(t => t.Key, t => Overrides.GetValueOrDefault(t.Key, t.Example), StringComparer.Ordinal);
        PromptResponse[] steps =
        [
            new("one", "http://app.example.com/prompts-qa/audio/-1/94f17d142e0e861bfa34.wav", "1"),
            new("two", "http://app.example.com/prompts-qa/audio/-1/5be2a0c0e3d1f8a7b6c4.wav", "3"),
        ];
        return new CallData(values, steps, new Dictionary<string, string> { ["Region"] = "south" }).WithLeadStatus(LeadStatus.New);
    }
}

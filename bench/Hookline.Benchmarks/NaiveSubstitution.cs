using System.Text;
using System.Text.RegularExpressions;
using Hookline.Core.Calls;

namespace Hookline.Benchmarks;

/// <summary>
/// The baseline: replace each %token% in the template text with the raw value and encode the result. It is what
/// string-splicing engines do, and it is wrong (a quote in a value breaks the JSON), but it is quick to write.
/// </summary>
internal static partial class NaiveSubstitution
{
    public static byte[] Render(string text, CallData call) =>
        Encoding.UTF8.GetBytes(Token().Replace(text, m => m.Groups[1].Value switch
        {
            "prompt_responses" => "[" + string.Join(",", call.PromptResponses.Select(p =>
                "{\"question\":\"" + p.Question + "\",\"question_link\":\"" + p.QuestionLink + "\",\"response\":\"" + p.Response + "\"}")) + "]",
            "tags" => "{" + string.Join(",", call.Tags.Select(t => "\"" + t.Key + "\":\"" + t.Value + "\"")) + "}",
            var key => call.Values.GetValueOrDefault(key, ""),
        }));

    [GeneratedRegex("%([a-z0-9_]+)%")]
    private static partial Regex Token();
}

using System.Text.Json;
using Hookline.Core.Calls;

namespace Hookline.Core.Templates.Json;

/// <summary>Writes %prompt_responses% as an array of step objects and %tags% as an object.</summary>
internal static class JsonNestedValues
{
    private static readonly JsonEncodedText Question = JsonEncodedText.Encode("question");
    private static readonly JsonEncodedText QuestionLink = JsonEncodedText.Encode("question_link");
    private static readonly JsonEncodedText Response = JsonEncodedText.Encode("response");

    public static void WritePromptResponses(Utf8JsonWriter writer, PromptResponse[] steps)
    {
        writer.WriteStartArray();
        foreach (var step in steps)
        {
            writer.WriteStartObject();
            writer.WriteString(Question, step.Question);
            writer.WriteString(QuestionLink, step.QuestionLink);
            writer.WriteString(Response, step.Response);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteTags(Utf8JsonWriter writer, KeyValuePair<string, string>[] tags)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in tags)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }
}

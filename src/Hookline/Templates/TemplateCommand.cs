using System.Text;
using System.Text.Json;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;

namespace Hookline.Templates;

/// <summary>
/// The <c>hookline template ...</c> commands: list a template's fields, or render its body for a call.
/// Exit codes: 0 done, 1 wrong arguments (usage, files, mappings, call data), 2 a malformed template.
/// </summary>
public static class TemplateCommand
{
    /// <summary>Runs a command; <paramref name="args"/> are those after <c>template</c>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args is ["--help" or "-h"])
        {
            stdout.WriteLine(TemplateArguments.Usage);
            return 0;
        }

        TemplateArguments? arguments = null;
        try
        {
            arguments = TemplateArguments.Parse(args);
            var template = Template.Parse(arguments.Type, ReadFile(arguments.File, "template"));
            foreach (var word in template.UnknownTokens)
            {
                stderr.WriteLine($"warning: {word} is not a token; it is kept as text.");
            }

            if (arguments.Command == "fields")
            {
                foreach (var field in template.Fields)
                {
                    stdout.WriteLine($"{field.Path}\t{field.Token}");
                }

                return 0;
            }

            var compiled = template.Compile(MapOptions.Parse(arguments.Maps, template));
            var call = arguments.CallFile is null ? ExampleCall.Call : ReadCall(arguments.CallFile);
            stdout.WriteLine(Encoding.UTF8.GetString(compiled.Render(call, arguments.At)));
            return 0;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine(TemplateArguments.Usage);
            return 1;
        }
        catch (TemplateFormatException e)
        {
            stderr.WriteLine($"error: {arguments?.File}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is TemplateMappingException or CallDataException or FileProblem)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FileProblem(e is FileNotFoundException or DirectoryNotFoundException
                ? $"the {what} file '{path}' does not exist."
                : $"cannot read the {what} file '{path}': {e.Message}");
        }
    }

    private static CallData ReadCall(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(ReadFile(path, "call"));
            return CallData.FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:", 2)[0];
            throw new FileProblem($"the call file '{path}' is not valid JSON (line {e.LineNumber + 1}): {reason}");
        }
        catch (CallDataException e)
        {
            throw new FileProblem($"the call file '{path}' is wrong at '{e.Field}': {e.Message}");
        }
    }

    private sealed class FileProblem(string message) : Exception(message);
}

using Hookline.Core.Calls;
using Hookline.Core.Templates;

namespace Hookline.Templates;

/// <summary>The parsed arguments of <c>hookline template fields|render</c>.</summary>
internal sealed record TemplateArguments(
    string Command,
    string File,
    TemplateType Type,
    string? CallFile,
    CallMoment At,
    IReadOnlyList<string> Maps)
{
    public const string Usage = """
        usage: hookline template fields FILE [--type json|xml|form]
               hookline template render FILE [--type json|xml|form] [--call CALL.json] [--at begin|end] [--map PATH=%token%]...
        """;

    /// <exception cref="UsageException">The arguments are wrong.</exception>
    public static TemplateArguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("fields" or "render"))
        {
            throw new UsageException(args.Length == 0 ? "a command is missing." : $"unknown command '{args[0]}'.");
        }

        var command = args[0];
        string? file = null, type = null, call = null, at = null;
        var maps = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var (option, inlineValue) = SplitOption(args[i]);
            string Value() => inlineValue
                ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"{option} needs a value."));

            switch (option)
            {
                case "--type":
                    type = Value();
                    break;
                case "--call" when command == "render":
                    call = Value();
                    break;
                case "--at" when command == "render":
                    at = Value();
                    break;
                case "--map" when command == "render":
                    maps.Add(Value());
                    break;
                case ['-', ..]:
                    throw new UsageException($"unknown option '{option}' for 'template {command}'.");
                default:
                    file = file is null ? args[i] : throw new UsageException($"unexpected argument '{args[i]}'.");
                    break;
            }
        }

        if (file is null)
        {
            throw new UsageException("the template FILE is missing.");
        }

        return new TemplateArguments(command, file, ParseType(type, file), call, ParseAt(at), maps);
    }

    // "--at=begin" as well as "--at begin"; a lone "-" or a file name is no option.
    private static (string Option, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static TemplateType ParseType(string? type, string file) => type?.ToUpperInvariant() switch
    {
        "JSON" => TemplateType.Json,
        "XML" => TemplateType.Xml,
        "FORM" => TemplateType.Form,
        null => Path.GetExtension(file).ToUpperInvariant() switch
        {
            ".JSON" => TemplateType.Json,
            ".XML" => TemplateType.Xml,
            ".FORM" => TemplateType.Form,
            _ => throw new UsageException($"cannot tell the type of '{file}' from its extension: pass --type json, --type xml or --type form."),
        },
        _ => throw new UsageException($"--type must be json, xml or form, not '{type}'."),
    };

    private static CallMoment ParseAt(string? at) => at?.ToUpperInvariant() switch
    {
        null or "END" => CallMoment.End,
        "BEGIN" => CallMoment.Begin,
        _ => throw new UsageException($"--at must be begin or end, not '{at}'."),
    };
}

/// <summary>Wrong command-line arguments: the message says what, and the usage follows it.</summary>
internal sealed class UsageException(string message) : Exception(message);

namespace Hookline.Templates;

/// <summary>The <c>hookline template ...</c> commands.</summary>
public static class TemplateCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("usage: hookline template fields|render FILE [options]");
        return 1;
    }
}

using Hookline.Server;
using Hookline.Templates;
using Microsoft.Extensions.Options;

if (args is ["template", ..])
{
    return TemplateCommand.Run(args[1..], Console.Out, Console.Error);
}
if (args is [var command, ..] && command != "serve" && !command.StartsWith('-'))
{
    await Console.Error.WriteLineAsync($"hookline: unknown command '{command}'. Commands: serve (the default), template.");
    return 1;
}

// Settings (appsettings.json) are read from beside the executable, wherever it is started from; data paths
// stay relative to the working directory, so `dotnet run --project src/Hookline` from the repository root keeps ./data there.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args is ["serve", ..] ? args[1..] : args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddHookline();
try
{
    var app = builder.Build();
    // The settings checked on start, checked here first: the host would log a failure with its stack trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
    app.MapHookline();
    await app.RunAsync();
}
catch (Exception e) when (e is IOException or OptionsValidationException)
{
    // A port in use or a bad setting: say which, without a stack trace.
    await Console.Error.WriteLineAsync($"hookline: cannot start: {e.Message}");
    return 1;
}
catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
{
    // Bad settings in more than one section: each on its line.
    foreach (var inner in e.InnerExceptions) await Console.Error.WriteLineAsync($"hookline: cannot start: {inner.Message}");
    return 1;
}
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;

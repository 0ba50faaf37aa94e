namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>Spectre consoles over the CLI's writers: ANSI colours and live progress only on a real terminal.</summary>
internal static class CliConsoles
{
    // Redirected output is read in files and pipes, not a window: wide enough that a table row stays one line.
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TextWriter writer, bool plain)
    {
        // Spectre's own detection looks at TERM, not at the writer, and would colour a file or a test's StringWriter.
        var terminal = !plain && IsTerminal(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = RedirectedWidth;

        return console;
    }

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
}

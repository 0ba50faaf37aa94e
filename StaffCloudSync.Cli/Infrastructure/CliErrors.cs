namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>Whatever ended a command as an exit code and <c>error: …</c> lines; with <c>--json</c> also the one document.</summary>
internal static class CliErrors
{
    public static int Report(Exception exception, CliContext context, bool verbose, CancellationToken cancellationToken)
    {
        var (code, lines) = Classify(exception, context.CommandPath, cancellationToken);
        foreach (var line in lines)
            context.Stderr.WriteLine($"error: {line}");

        if (verbose && code == ExitCodes.Failed && exception is not CliException)
            context.Stderr.WriteLine(exception.ToString());

        context.Stderr.Flush();
        if (context.Json)
            JsonOutput.Write(context.Stdout, new { error = new { exitCode = code, messages = lines } });

        return code;
    }

    internal static (int Code, IReadOnlyList<string> Lines) Classify(Exception exception, string commandPath, CancellationToken cancellationToken) => exception switch
    {
        // Once interrupted, whatever fails next is a consequence (a terminal's Ctrl+C also stops a private Azurite at once).
        _ when cancellationToken.IsCancellationRequested =>
            (ExitCodes.Interrupted, ["interrupted: stopped before it finished (a sync records its run as Failed when it still can; the next run finishes the work)"]),
        CliException e => (e.ExitCode, e.Lines),
        CommandAppException e => (ExitCodes.InvalidInput, [$"{e.Message.TrimEnd('.')} — see: {string.Join(' ', new[] { CliApp.Name, commandPath, "--help" }.Where(w => w.Length > 0))}"]),
        ScenarioFormatException e => (ExitCodes.InvalidInput, [e.Message]),
        NothingHeldException e => (ExitCodes.Failed, [$"deletions not allowed: {e.Message}"]),
        WebhookRegistrationException e => (ExitCodes.Configuration, [e.Message]),
        TenantValidationException e => (ExitCodes.InvalidInput, e.Errors.Count > 0 ? e.Errors.Select(x => x.ToString()).ToList() : [e.Message]),
        OptionsValidationException e => (ExitCodes.Configuration, Settings(e.Failures)),
        AggregateException e when e.InnerExceptions.Count > 0 && e.InnerExceptions.All(x => x is OptionsValidationException) =>
            (ExitCodes.Configuration, Settings(e.InnerExceptions.SelectMany(x => ((OptionsValidationException)x).Failures))),
        SyncRunException { Kind: SyncFailureKind.UnknownTenant } e => (ExitCodes.NotFound, [$"{e.Kind}: {e.Message}"]),
        SyncRunException e => (ExitCodes.Configuration, [$"{e.Kind}: {e.Message}"]),
        SecretNotFoundException e => (ExitCodes.Configuration, [$"{e.Message} Create it in the secret store (see: staffcloud-sync tenants show <tenant>)."]),
        SecretAccessDeniedException e => (ExitCodes.Configuration, [e.Message]),
        AuthenticationFailedException or CredentialUnavailableException =>
            (ExitCodes.Configuration, [$"Azure sign-in failed ({exception.GetType().Name}): {FirstLine(exception.Message)} — check AzureWebJobsStorage__credential / KeyVault__Credential, or az login"]),
        RequestFailedException e => (ExitCodes.Configuration, [Unreachable(e)]),
        AggregateException e when e.InnerExceptions.Any(x => x is RequestFailedException) =>
            (ExitCodes.Configuration, [Unreachable(e.InnerExceptions.OfType<RequestFailedException>().Last())]),
        HttpRequestException e => (ExitCodes.Configuration, [$"unreachable: {FirstLine(e.Message)}"]),
        _ => (ExitCodes.Failed, [$"unexpected {exception.GetType().Name}: {FirstLine(exception.Message)} (run again with --verbose for details)"]),
    };

    private static List<string> Settings(IEnumerable<string> failures) =>
        failures.Select(f => $"setting: {f}").ToList();

    private static string Unreachable(RequestFailedException e)
    {
        var cause = e.InnerException is { } inner ? FirstLine(inner.Message) : $"{(e.Status == 0 ? "no answer" : $"HTTP {e.Status}")} {e.ErrorCode}".Trim();
        return $"Azure storage (or Key Vault) request failed: {cause} — check AzureWebJobsStorage (and KeyVault__VaultUri) and that the service is reachable";
    }

    internal static string FirstLine(string text) => text.Split('\n')[0].Trim();
}

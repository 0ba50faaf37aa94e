using Spectre.Console.Cli.Help;

namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>Spectre's help, closed by the exit-code table and where the settings come from, on every command's help.</summary>
internal sealed class ExitCodesHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        foreach (var renderable in base.GetFooter(model, command))
            yield return renderable;

        yield return new Text("\nEXIT CODES:\n", new Style(Color.Yellow));
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(4).PadRight(4)).AddColumn();
        foreach (var (code, meaning) in ExitCodes.Table)
            grid.AddRow(new Text(code.ToString(CultureInfo.InvariantCulture)), new Text(meaning));

        yield return grid;
        yield return new Text(
            "\nSETTINGS: the Functions app's app settings, from environment variables (AzureWebJobsStorage, Secrets__Provider, " +
            "KeyVault__VaultUri, StaffCloud__…, MobieTrain__BaseUrl, Storage__…) and --settings <local.settings.json> (its Values, over the environment). " +
            "sandbox commands use AzureWebJobsStorage when set, else a private Azurite. See docs/cli.md.\n");
    }
}

/// <summary>Lets Spectre create the commands from a small container that holds the <see cref="CliContext"/>.</summary>
internal sealed class TypeRegistrar(IServiceCollection services) : ITypeRegistrar
{
    public void Register(Type service, Type implementation) => services.AddSingleton(service, implementation);

    public void RegisterInstance(Type service, object implementation) => services.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory) => services.AddSingleton(service, _ => factory());

    public ITypeResolver Build() => new TypeResolver(services.BuildServiceProvider());
}

internal sealed class TypeResolver(ServiceProvider provider) : ITypeResolver, IDisposable
{
    public object? Resolve(Type? type) => type is null ? null : provider.GetService(type);

    public void Dispose() => provider.Dispose();
}

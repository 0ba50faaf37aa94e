using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Sandbox.Demo;

/// <summary>The built-in demo tenant: demo.json beside this file (its story is told there), read as any scenario file is.</summary>
public static class DemoScenario
{
    public static Scenario Build()
    {
        using var stream = typeof(DemoScenario).Assembly.GetManifestResourceStream("StaffCloudSync.Sandbox.demo.json")
            ?? throw new InvalidOperationException("The demo scenario is missing from the sandbox assembly.");
        using var reader = new StreamReader(stream);
        return ScenarioReader.Read(reader.ReadToEnd());
    }
}

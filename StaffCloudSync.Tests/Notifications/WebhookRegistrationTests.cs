using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Scheduling.Notifications.Registration;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Notifications;

/// <summary>
/// <c>tenants notifications --register/--unregister</c>'s work: the StaffCloud webhooks of one tenant through the real
/// client over loopback to the simulator's <c>/webhooks</c>, which counts them as setup, never as a sync's write.
/// </summary>
public sealed class WebhookRegistrationTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private static readonly Uri App = new("https://func-staffcloudsync-test.azurewebsites.net");

    private readonly FakeLogCollector logs = new();
    private SandboxEnvironment environment = null!;
    private SandboxTenant tenant = null!;

    private StaffCloudTarget Target => TenantTargets.StaffCloud(tenant.Settings);

    private WebhookRegistration Registration => environment.Services.GetRequiredService<WebhookRegistration>();

    [SetUp]
    public async Task StartAsync()
    {
        tenant = new SandboxTenant(Plans.DefaultTenant());
        environment = await TestSandbox.StartAsync([tenant], services => services
            .AddStaffCloudWebhookRegistration()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs))));
    }

    [TearDown]
    public async Task StopAsync() => await environment.DisposeAsync();

    [Test]
    public async Task Register_CreatesTheThreeWebhooks_CallingTheTenantsUrl_AsSetupNotAsSyncWrites()
    {
        var changes = await Registration.RegisterAsync(Target, App, Secret, CancellationToken.None);

        var url = $"https://func-staffcloudsync-test.azurewebsites.net/api/notifications/staffcloud/acme?secret={Secret}";
        Assert.That(changes.Select(c => (c.Trigger, c.Action)), Is.EqualTo(new[]
        {
            ("employee.created", WebhookAction.Created), ("employee.updated", WebhookAction.Created), ("assignment.status_changed", WebhookAction.Created),
        }));
        Assert.That(changes.Select(c => c.Id), Has.All.Not.Null);
        var stored = environment.StaffCloud.Webhooks.Of("acme");
        Assert.That(stored.Select(w => (w["trigger"]!["event"]!.GetValue<string>(), w["webhook"]!["url"]!.GetValue<string>())),
            Is.EquivalentTo(NotificationBody.Events.Select(e => (e, url))));
        Assert.That(environment.StaffCloud.Requests.Writes, Is.Zero, "registration is not a sync write");
        Assert.That(environment.StaffCloud.Requests.Setup, Is.EqualTo(4), "one list, three creates");
    }

    [Test]
    public async Task RegisterAgain_ChangesNothing_AfterARotation_ItUpdatesInPlace()
    {
        var created = await Registration.RegisterAsync(Target, App, Secret, CancellationToken.None);
        var setup = environment.StaffCloud.Requests.Setup;

        var again = await Registration.RegisterAsync(Target, App, Secret, CancellationToken.None);
        var listOnly = environment.StaffCloud.Requests.Setup - setup;
        var rotated = await Registration.RegisterAsync(Target, App, "fedcba9876543210", CancellationToken.None);

        Assert.That(again.Select(c => c.Action), Has.All.EqualTo(WebhookAction.Unchanged));
        Assert.That(listOnly, Is.EqualTo(1), "a repeat only lists");
        Assert.That(rotated.Select(c => (c.Action, c.Id)), Is.EqualTo(created.Select(c => (WebhookAction.Updated, c.Id))));
        Assert.That(environment.StaffCloud.Webhooks.Of("acme").Select(w => w["webhook"]!["url"]!.GetValue<string>()), Has.All.EndsWith("secret=fedcba9876543210"));
    }

    [Test]
    public async Task Unregister_RemovesOnlyThisTenantsWebhooks_OtherIntegrationsStay()
    {
        var foreign = environment.StaffCloud.Webhooks.Add("acme", "employee.updated", "https://other-integration.example.com/hooks?key=theirs");
        var otherTenant = environment.StaffCloud.Webhooks.Add("acme", "employee.updated", $"{App}api/notifications/staffcloud/beta?secret=x");
        await Registration.RegisterAsync(Target, App, Secret, CancellationToken.None);

        var removed = await Registration.UnregisterAsync(Target, App, CancellationToken.None);

        Assert.That(removed.Select(r => r.Action), Is.EqualTo(Enumerable.Repeat(WebhookAction.Removed, 3)));
        Assert.That(environment.StaffCloud.Webhooks.Of("acme").Select(w => w["id"]!.GetValue<long>()),
            Is.EquivalentTo(new[] { foreign["id"]!.GetValue<long>(), otherTenant["id"]!.GetValue<long>() }));
    }

    [Test]
    public async Task ARefusedToken_FailsNamingTheTenantAndTheSecret_NeverTheUrl_AndNoLogHoldsTheSecret()
    {
        environment.StaffCloud.AddFaults([new Sandbox.Simulators.SimulatorFault { Path = "/webhooks", Method = "POST", Status = 401, Times = 1 }]);

        var error = Assert.ThrowsAsync<WebhookRegistrationException>(() => Registration.RegisterAsync(Target, App, Secret, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("tenant 'acme': StaffCloud POST /webhooks answered 401").And.Contain("staffcloud-token-acme"));
        Assert.That(error.Message, Does.Not.Contain(Secret));
        var logged = string.Join("\n", logs.GetSnapshot().Select(r => $"{r.Message} {string.Join(" ", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])}"));
        Assert.That(logged, Does.Contain("StaffCloud webhook request POST /webhooks of tenant acme failed"));
        Assert.That(logged, Does.Not.Contain(Secret).And.Not.Contain(tenant.StaffCloudToken));
    }

    [Test]
    public async Task TheSimulatorsWebhooks_NeedTheToken_CheckTheBody_AndOtherWritesStillCountAsWrites()
    {
        using var http = new HttpClient { BaseAddress = environment.StaffCloud.ApiBaseFor("acme") };
        var anonymous = await http.GetAsync(new Uri("webhooks", UriKind.Relative));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.StaffCloudToken);
        var halfBody = await http.PostAsync(new Uri("webhooks", UriKind.Relative), new StringContent("""{"trigger":{"event":"employee.updated"}}""", Encoding.UTF8, "application/json"));
        var missing = await http.DeleteAsync(new Uri("webhooks/999", UriKind.Relative));
        var employeesWrite = await http.PostAsync(new Uri("employees", UriKind.Relative), new StringContent("{}"));

        Assert.That((anonymous.StatusCode, halfBody.StatusCode, missing.StatusCode, employeesWrite.StatusCode),
            Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.UnprocessableEntity, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed)));
        Assert.That(environment.StaffCloud.Requests.Writes, Is.EqualTo(1), "only the POST to /employees counts as a write");
    }
}

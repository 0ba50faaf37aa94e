using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Rules;

/// <summary>sync-rules.md, "event group": the template's placeholders per <c>GroupBy</c>, and <c>{project}</c>.</summary>
public class GroupNameTemplateModeTests
{
    private static readonly StaffCloudEvent Fair = new(10, "Fair", 2, new DateTime(2026, 3, 5, 8, 0, 0), null);

    [TestCase("{name}")]
    [TestCase("{start:yyyy-MM-dd}")]
    [TestCase("{project} {end}")]
    public void ProjectTemplate_EventPlaceholdersAreRefused(string template)
    {
        Assert.That(GroupNameTemplate.TryParse(template, GroupNameSubject.Project, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("GroupBy is project"));
    }

    [Test]
    public void ProjectTemplate_RendersTheProjectsIdAndName()
    {
        var template = GroupNameTemplate.Parse("{project} #{id}", GroupNameSubject.Project);
        Assert.That(template.RenderProject(7, "Store Zurich"), Is.EqualTo("Store Zurich #7"));
    }

    [Test]
    public void EventTemplate_ProjectPlaceholderIsTheProjectsName_OrNothingWithoutOne()
    {
        var template = GroupNameTemplate.Parse("{name} {project}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(template.Render(Fair, "Store Zurich"), Is.EqualTo("Fair Store Zurich"));
            Assert.That(template.Render(Fair, null), Is.EqualTo("Fair"));
            Assert.That(template.UsesProject, Is.True);
        }
    }

    [Test]
    public void Validator_ProjectModeWithTheEventDefaultTemplate_NamesGroupNameTemplate()
    {
        var settings = new TenantSettings
        {
            TenantId = "acme", StaffCloudApiTenant = "acme", MobieTrainAccountId = "acme",
            GroupBy = GroupMode.Project, GroupNameTemplate = "{name} ({start:yyyy-MM-dd})",
        };

        var errors = TenantSettingsValidator.Validate(settings);

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { nameof(TenantSettings.GroupNameTemplate) }));
    }

    [Test]
    public void Validator_ProjectModeWithItsDefaultTemplate_IsValid()
    {
        var settings = new TenantSettings { TenantId = "acme", StaffCloudApiTenant = "acme", MobieTrainAccountId = "acme", GroupBy = GroupMode.Project };
        Assert.That(TenantSettingsValidator.Validate(settings), Is.Empty);
    }
}

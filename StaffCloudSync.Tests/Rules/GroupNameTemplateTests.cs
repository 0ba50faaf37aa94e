using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Tests.Rules;

/// <summary>sync-rules.md, "event group": the name template and its placeholders.</summary>
public class GroupNameTemplateTests
{
    private static readonly StaffCloudEvent Fair =
        new(10, "Spring Fair", 2, new DateTime(2026, 3, 5, 8, 0, 0), new DateTime(2026, 3, 6, 18, 30, 0));

    [TestCase("{name} ({start:yyyy-MM-dd})", "Spring Fair (2026-03-05)")]
    [TestCase("{id}: {name}", "10: Spring Fair")]
    [TestCase("{name} {start:dd.MM.yyyy HH:mm}–{end:HH:mm}", "Spring Fair 05.03.2026 08:00–18:30")]
    [TestCase("{name} ends {end:yyyy-MM-dd}", "Spring Fair ends 2026-03-06")]
    [TestCase("{name} {start}", "Spring Fair 2026-03-05")]
    [TestCase("{{{name}}}", "{Spring Fair}")]
    [TestCase("{NAME}", "Spring Fair")]
    public void Template_RendersPlaceholdersInTheEventsLocalTime(string template, string expected) =>
        Assert.That(GroupNameTemplate.Parse(template).Render(Fair), Is.EqualTo(expected));

    [Test]
    public void Template_EndFallsBackToStart_AndMissingNameStillGivesAName()
    {
        var noEnd = new StaffCloudEvent(11, null, 2, new DateTime(2026, 3, 5, 8, 0, 0), null);
        Assert.That(GroupNameTemplate.Parse("{name} {end:yyyy-MM-dd}").Render(noEnd), Is.EqualTo("2026-03-05"));
        Assert.That(GroupNameTemplate.Parse("{name}").Render(noEnd), Is.EqualTo("staffcloud-event-11"));
    }

    [Test]
    public void Template_NamesAreCutTo255Characters()
    {
        var longName = Fair with { Name = new string('n', 10_000) };
        Assert.That(GroupNameTemplate.Parse("{name}").Render(longName), Has.Length.EqualTo(255));
    }

    [TestCase("", "empty")]
    [TestCase("Fixed name", "no placeholder")]
    [TestCase("{title}", "unknown placeholder")]
    [TestCase("{name", "never closed")]
    [TestCase("name}", "without its")]
    [TestCase("{id:000}", "takes no format")]
    [TestCase("{start:%}", "invalid date format")]
    public void Template_InvalidOnesAreRefusedWithTheReason(string template, string reason)
    {
        Assert.That(GroupNameTemplate.TryParse(template, GroupNameSubject.Event, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }
}

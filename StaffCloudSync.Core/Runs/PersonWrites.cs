using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Core.Runs;

/// <summary>The person writes a run keeps in its record for the results file: those done, and those MobieTrain refused.</summary>
internal static class PersonWrites
{
    public static RunWrites Of(SyncPlan plan, ApplyResult result)
    {
        // A failure names the action's kind and ids but not its rule; the plan's action with the same ones has it.
        var failed = result.Failures
            .Where(f => f.EmployeeId is not null)
            .Select(f => (f.EmployeeId, f.Action, f.MobieTrainId))
            .ToHashSet();
        var refused = plan.Actions.OfType<PersonAction>()
            .Where(a => failed.Contains((a.PersonId, a.Kind, a.MobieTrainId)))
            .Select(a => Write(a, done: false));
        var done = result.Completed.OfType<PersonAction>().Select(a => Write(a, done: true));
        return RunWrites.Of(done.Concat(refused));
    }

    private static PersonWrite Write(PersonAction action, bool done) =>
        new(action.EmployeeId, action.Kind, action.Rule.ToString(), action.MobieTrainId, done);
}

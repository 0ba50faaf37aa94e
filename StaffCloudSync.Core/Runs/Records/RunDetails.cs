using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Core.Runs.Records;

/// <summary>The lists of a run record (and the approval it ran under), stored together as one JSON document in a blob per run (<see cref="RunStore"/>).</summary>
internal sealed record RunDetails(
    IReadOnlyList<SkippedRecord> Skipped,
    IReadOnlyList<HeldDeletion> HeldDeletions,
    IReadOnlyList<RecordFailure> Failures,
    RunApproval? Approval = null)
{
    public int Count => Skipped.Count + HeldDeletions.Count + Failures.Count;
}

// Enums as names: the stored JSON stays readable and survives a reordering of the enum members.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunDetails))]
internal sealed partial class RunDetailsJsonContext : JsonSerializerContext;

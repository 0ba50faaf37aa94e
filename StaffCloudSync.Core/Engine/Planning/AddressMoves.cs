using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The e-mail changes of people already in MobieTrain, decided before anyone is planned so no record fails through the
/// run's own order (sync-rules.md, "Record-level errors"); waves and cycles: docs/decisions.md, "Address changes".</summary>
internal sealed class AddressMoves
{
    private readonly Dictionary<(PersonKind, string), Move> _moves;

    private AddressMoves(Dictionary<(PersonKind, string), Move> moves, EmailLedger emails) => (_moves, Emails) = (moves, emails);

    public EmailLedger Emails { get; }

    public MoveState StateOf(PersonKind kind, string recordId) => _moves.TryGetValue((kind, recordId), out var move) ? move.State : MoveState.None;

    /// <summary>The wave of an accepted change: 0 needs no other change first; n waits for the changes of wave n − 1.</summary>
    public int WaveOf(PersonKind kind, string recordId) => _moves.TryGetValue((kind, recordId), out var move) ? move.Wave : 0;

    public static AddressMoves Resolve(PlanningIndex index, MobieTrainSnapshot mobieTrain)
    {
        var emails = new EmailLedger(mobieTrain.Users, mobieTrain.Invitations, index.IsRemovedThisRun,
            index.Profiles.Where(p => p.Value.Email is not null && index.IsEligible(p.Key)).Select(p => (p.Key, p.Value.Email!)));
        var moves = Candidates(index, emails).OrderBy(m => m.EmployeeId).ThenBy(m => m.Kind).ToList();
        while (Accept(emails, moves) || BreakCycle(emails, moves)) { }

        foreach (var move in moves.Where(m => m.State == MoveState.Pending))
            move.State = MoveState.Blocked;

        var accepted = moves.Where(m => m.State == MoveState.Accepted).ToList();
        foreach (var move in accepted)
            Wave(move, accepted, []);

        return new AddressMoves(moves.ToDictionary(m => (m.Kind, m.RecordId)), emails);
    }

    private static bool Accept(EmailLedger emails, List<Move> moves)
    {
        var any = false;
        foreach (var move in moves.Where(m => m.State == MoveState.Pending && !emails.IsUsedByOther(m.To, m.EmployeeId)))
        {
            move.State = MoveState.Accepted;
            emails.Move(move.EmployeeId, move.From, move.To);
            any = true;
        }

        return any;
    }

    // A cycle with an invitation is broken by withdrawing one (invited anew next run); a cycle of users alone cannot be.
    private static bool BreakCycle(EmailLedger emails, List<Move> moves)
    {
        var pending = moves.Where(m => m.State == MoveState.Pending).ToList();
        if (pending.Select(start => FindCycle(start, pending)).FirstOrDefault(c => c is not null) is not { } cycle)
            return false;

        if (cycle.Where(m => m.Kind == PersonKind.Invitation).MaxBy(m => m.EmployeeId) is { } withdrawn)
        {
            withdrawn.State = MoveState.Withdrawn;
            emails.Move(withdrawn.EmployeeId, withdrawn.From, null);
        }
        else
            cycle.ForEach(m => m.State = MoveState.InCycle);

        return true;
    }

    /// <summary>Follows "my new address is the old one of this pending change" from <paramref name="start"/> back to it.</summary>
    private static List<Move>? FindCycle(Move start, List<Move> pending)
    {
        var path = new List<Move> { start };
        var current = start;
        while (pending.FirstOrDefault(m => m.EmployeeId != current.EmployeeId && EmailAddress.AreSame(m.From, current.To)) is { } next)
        {
            if (next == start)
                return path;

            if (path.Contains(next))
                return null; // a cycle that does not pass through start; found from one of its own members

            path.Add(next);
            current = next;
        }

        return null;
    }

    private static int Wave(Move move, List<Move> accepted, HashSet<Move> visiting)
    {
        if (move.Wave >= 0 || !visiting.Add(move))
            return Math.Max(move.Wave, 0);

        var before = accepted.Where(m => m.EmployeeId != move.EmployeeId && EmailAddress.AreSame(m.From, move.To)).ToList();
        move.Wave = before.Count == 0 ? 0 : 1 + before.Max(m => Wave(m, accepted, visiting));
        return move.Wave;
    }

    private static IEnumerable<Move> Candidates(PlanningIndex index, EmailLedger emails)
    {
        foreach (var (employeeId, profile) in index.Profiles)
        {
            var employee = index.Employees[employeeId];
            if (!Definitions.IsActive(employee.Status) || !profile.HasNames || profile.Email is not { } email)
                continue;

            foreach (var user in index.UsersOf(employeeId).Where(u => !EmailAddress.AreSame(email, u.Profile.Email)))
                yield return new Move(employeeId, PersonKind.User, user.Id, user.Profile.Email, email);

            // Replacements only for someone eligible now (rule 7), and never onto the address of a lower eligible id.
            if (index.CurrentEventsOf(employeeId).Length == 0 || emails.IsOfLowerEligible(email, employeeId))
                continue;

            foreach (var invitation in index.InvitationsOf(employeeId).Where(i => !index.IsStale(i) && !EmailAddress.AreSame(email, i.Profile.Email)))
                yield return new Move(employeeId, PersonKind.Invitation, invitation.Id, invitation.Profile.Email, email);
        }
    }

    private sealed class Move(long employeeId, PersonKind kind, string recordId, string? from, string to)
    {
        public long EmployeeId => employeeId;
        public PersonKind Kind => kind;
        public string RecordId => recordId;
        public string? From => from;
        public string To => to;
        public MoveState State { get; set; } = MoveState.Pending;
        public int Wave { get; set; } = -1;
    }
}

/// <summary>What became of one record's e-mail change; <c>Blocked</c>: its new address stays taken by a record that keeps it.</summary>
internal enum MoveState { None, Pending, Accepted, Blocked, Withdrawn, InCycle }

using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>The e-mail changes of people already in MobieTrain (a user's update, an invitation's replacement), decided together
/// before anyone is planned, so that no record fails through the run's own order (sync-rules.md, "Record-level errors"):
/// a change whose new address another change of this run frees is accepted and put in a later wave than the change
/// that frees it; the applier runs the waves in order. A cycle (two people swapping addresses) cannot be ordered: it is
/// broken by withdrawing one replacement's invitation now, which frees its address for the others, and the next run
/// invites that person anew. A cycle of users alone cannot be broken (a user cannot give an address up): each is
/// skipped <c>DuplicateEmail</c>, its address left as it is.</summary>
internal sealed class AddressMoves
{
    private readonly Dictionary<(PersonKind, string), Move> _moves;

    private AddressMoves(Dictionary<(PersonKind, string), Move> moves, EmailLedger emails) => (_moves, Emails) = (moves, emails);

    /// <summary>Who holds which address once this run's removals and accepted changes are made.</summary>
    public EmailLedger Emails { get; }

    public MoveState StateOf(PersonKind kind, string recordId) => _moves.TryGetValue((kind, recordId), out var move) ? move.State : MoveState.None;

    /// <summary>The wave of an accepted change: 0 needs no other change first; n waits for the changes of wave n − 1.</summary>
    public int WaveOf(PersonKind kind, string recordId) => _moves.TryGetValue((kind, recordId), out var move) ? move.Wave : 0;

    /// <summary>Decides every change, and who holds which address after them, from the index (which it leaves as it is).</summary>
    public static AddressMoves Resolve(PlanningIndex index, MobieTrainSnapshot mobieTrain)
    {
        var emails = new EmailLedger(mobieTrain.Users, mobieTrain.Invitations, index.IsRemovedThisRun,
            index.Profiles.Where(p => p.Value.Email is not null && index.IsEligible(p.Key)).Select(p => (p.Key, p.Value.Email!)));
        var moves = Candidates(index, emails).OrderBy(m => m.EmployeeId).ThenBy(m => m.Kind).ToList();
        while (Accept(emails, moves) || BreakCycle(emails, moves))
        {
        }

        foreach (var move in moves.Where(m => m.State == MoveState.Pending))
            move.State = MoveState.Blocked;

        var accepted = moves.Where(m => m.State == MoveState.Accepted).ToList();
        foreach (var move in accepted)
            Wave(move, accepted, []);

        return new AddressMoves(moves.ToDictionary(m => (m.Kind, m.RecordId)), emails);
    }

    /// <summary>One pass over the pending changes; true when any was accepted.</summary>
    private static bool Accept(EmailLedger emails, List<Move> moves)
    {
        var any = false;
        foreach (var move in moves.Where(m => m.State == MoveState.Pending))
        {
            if (!emails.IsUsedByOther(move.To, move.EmployeeId))
            {
                move.State = MoveState.Accepted;
                emails.Move(move.EmployeeId, move.From, move.To);
                any = true;
            }
        }

        return any;
    }

    /// <summary>Finds one cycle among the blocked changes and breaks it; true when it did.</summary>
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
            {
                return null; // a cycle that does not pass through start; found from one of its own members
            }

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

    /// <summary>The e-mail changes the rules would make, as <c>SyncPlanner</c> decides who is updated or replaced.</summary>
    private static IEnumerable<Move> Candidates(PlanningIndex index, EmailLedger emails)
    {
        foreach (var (employeeId, profile) in index.Profiles)
        {
            var employee = index.Employees[employeeId];
            if (!Definitions.IsActive(employee.Status) || !profile.HasNames || profile.Email is not { } email)
                continue;

            foreach (var user in index.UsersOf(employeeId))
            {
                if (!EmailAddress.AreSame(email, user.Profile.Email))
                    yield return new Move(employeeId, PersonKind.User, user.Id, user.Profile.Email, email);
            }

            // Replacements only for someone eligible now (rule 7), and never onto the address of a lower eligible id.
            if (index.CurrentEventsOf(employeeId).Length == 0 || emails.IsOfLowerEligible(email, employeeId))
                continue;

            foreach (var invitation in index.InvitationsOf(employeeId))
            {
                if (!index.IsStale(invitation) && !EmailAddress.AreSame(email, invitation.Profile.Email))
                    yield return new Move(employeeId, PersonKind.Invitation, invitation.Id, invitation.Profile.Email, email);
            }
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

/// <summary>What became of one record's e-mail change: <c>None</c>, its address does not change; <c>Pending</c>, not decided yet (only
/// while resolving); <c>Accepted</c>, made in this run after the changes that free its new address; <c>Blocked</c>, the new
/// address stays taken by a record that does not give it up; <c>Withdrawn</c>, part of a cycle only a withdrawal could break:
/// this invitation is withdrawn now and sent again next run; <c>InCycle</c>, part of a cycle of users, which no order can resolve.</summary>
internal enum MoveState { None, Pending, Accepted, Blocked, Withdrawn, InCycle }

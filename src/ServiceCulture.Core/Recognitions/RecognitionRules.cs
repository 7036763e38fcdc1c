using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.People;
using ServiceCulture.Rules;
using ServiceCulture.Settings;

namespace ServiceCulture.Recognitions;

/// <summary>
/// The fairness rules of recognition, each refused with a message that explains it, and the giving
/// itself: the allowance is debited with a conditional update, so concurrent recognitions can never
/// overdraw it, and a repeated submission of the same form creates one recognition.
/// </summary>
public sealed class RecognitionRules(
    AppDbContext db,
    SettingsStore settings,
    GamificationEvents gamification,
    NotificationCenter notifications,
    AuditLog audit,
    LeaderboardCache boards,
    TimeProvider clock)
{
    public const int SamePersonPerWeek = 3;
    public const int PairTradeThreshold = 4;
    public static readonly TimeSpan EditWindow = TimeSpan.FromHours(24);

    public sealed record AllowanceStatus(int Limit, int Spent, DateOnly Month, DateOnly ExpiresAfter)
    {
        public int Left => Math.Max(0, Limit - Spent);
    }

    public static DateOnly MonthOf(DateTime utc, string? timeZoneId)
    {
        var local = ServiceTimeZones.LocalDate(utc, timeZoneId);
        return new DateOnly(local.Year, local.Month, 1);
    }

    public async Task<AllowanceStatus> AllowanceAsync(int employeeId, string? timeZoneId, CancellationToken cancellationToken)
    {
        var rules = await settings.PointsRulesAsync(cancellationToken);
        var month = MonthOf(clock.GetUtcNow().UtcDateTime, timeZoneId);
        var spent = await db.Allowances.Where(a => a.EmployeeId == employeeId && a.Month == month).Select(a => (int?)a.Spent).SingleOrDefaultAsync(cancellationToken) ?? 0;
        return new AllowanceStatus(rules.MonthlyAllowance, spent, month, month.AddMonths(1).AddDays(-1));
    }

    public async Task<IReadOnlyList<Refusal>> ValidateAsync(RecognitionDraft draft, Actor giver, CancellationToken cancellationToken) =>
        (await CheckAsync(draft, giver, cancellationToken)).Problems;

    /// <summary>
    /// What the checks found, and what they read on the way that giving uses: the giver's name for the
    /// notices, and how often the giver thanked each recipient in the last 30 days for the pair check.
    /// </summary>
    private sealed record Checked(IReadOnlyList<Refusal> Problems, string? GiverName, IReadOnlyDictionary<int, int> GivenThisMonth);

    private async Task<Checked> CheckAsync(RecognitionDraft draft, Actor giver, CancellationToken cancellationToken)
    {
        var problems = new List<Refusal>();
        string? giverName = null;
        var givenThisMonth = new Dictionary<int, int>();
        var rules = await settings.PointsRulesAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var monthAgo = now.AddDays(-30);
        var recipients = draft.RecipientIds.Distinct().ToList();

        if (recipients.Count == 0)
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.RecipientIds), "Choose at least one colleague to recognise."));
        }
        else if (recipients.Count > Recognition.MaxRecipients)
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.RecipientIds), $"Recognise up to {Recognition.MaxRecipients} colleagues at once, so each thank-you stays personal."));
        }
        else if (recipients.Contains(giver.Id))
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.RecipientIds), "You cannot recognise yourself. Recognition is how colleagues thank each other."));
        }
        else
        {
            // The giver's name comes with the recipients', for the notices they will be sent.
            var named = await db.Users.Where(u => recipients.Contains(u.Id) || u.Id == giver.Id).Select(u => new { u.Id, u.DisplayName, u.IsActive }).ToListAsync(cancellationToken);
            giverName = named.FirstOrDefault(u => u.Id == giver.Id)?.DisplayName;
            var found = named.Where(u => u.Id != giver.Id).ToList();
            if (found.Count != recipients.Count)
            {
                problems.Add(Refusal.Invalid(nameof(RecognitionDraft.RecipientIds), "One of those colleagues is not in the portal. Pick colleagues from the list."));
            }
            else if (found.FirstOrDefault(f => !f.IsActive) is { } inactive)
            {
                problems.Add(Refusal.Invalid(nameof(RecognitionDraft.RecipientIds), $"{inactive.DisplayName} is no longer active, so they cannot be recognised."));
            }
            else
            {
                var weekAgo = now.AddDays(-7);
                // Driven from the giver's last 30 days, not from everything the recipients were ever
                // given: the week's count is the weekly limit, the month's the pair check after giving.
                var recent = await (from g in db.Recognitions
                                    where g.GiverId == giver.Id && g.DeletedAt == null && g.CreatedAt > monthAgo
                                    join r in db.RecognitionRecipients on g.Id equals r.RecognitionId
                                    where recipients.Contains(r.RecipientId)
                                    group g.CreatedAt by r.RecipientId into pair
                                    select new { RecipientId = pair.Key, Week = pair.Count(at => at > weekAgo), Month = pair.Count() })
                    .ToListAsync(cancellationToken);
                givenThisMonth = recent.ToDictionary(r => r.RecipientId, r => r.Month);
                foreach (var over in recent.Where(r => r.Week >= SamePersonPerWeek))
                {
                    var name = found.Single(f => f.Id == over.RecipientId).DisplayName;
                    problems.Add(Refusal.Invalid(nameof(RecognitionDraft.RecipientIds), $"You have recognised {name} {SamePersonPerWeek} times in the last 7 days. Spread the thanks: recognise someone else, or come back in a few days."));
                }
            }
        }

        var message = Normalise(draft.Message);
        if (message.Length < Recognition.MessageMinLength)
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.Message), $"Write at least {Recognition.MessageMinLength} characters: say what they did and why it mattered."));
        }
        else if (draft.Message.Length > Recognition.MessageMaxLength)
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.Message), $"Keep the message to {Recognition.MessageMaxLength:N0} characters."));
        }
        else
        {
            // Looked up by the message's key; recognitions saved before keys existed are read and compared.
            var key = MessageKeyOf(message);
            var earlier = await db.Recognitions
                .Where(r => r.GiverId == giver.Id && (r.MessageKey == key || r.MessageKey == null) && r.CreatedAt > monthAgo && r.DeletedAt == null)
                .Select(r => r.Message).ToListAsync(cancellationToken);
            if (earlier.Any(e => SameWords(e, message)))
            {
                problems.Add(Refusal.Invalid(nameof(RecognitionDraft.Message), "You sent this same message in the last 30 days. A personal word says more: what did this colleague do this time?"));
            }
        }

        if (!ServiceElementCatalog.IsValid(draft.Elements))
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.Elements), draft.Elements == ServiceElements.None
                ? "Tick at least one service element the colleague showed."
                : "One of those service elements does not exist."));
        }

        if (draft.Points < 0 || draft.Points > rules.MaxPointsPerRecognition)
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.Points), $"Give between 0 and {rules.MaxPointsPerRecognition} points to each colleague."));
        }
        else if (recipients.Count is > 0 and <= Recognition.MaxRecipients && draft.Points > 0)
        {
            var allowance = await AllowanceAsync(giver.Id, giver.TimeZoneId, cancellationToken);
            var cost = draft.Points * recipients.Count;
            if (cost > allowance.Left)
            {
                problems.Add(Refusal.Invalid(nameof(RecognitionDraft.Points), AllowanceMessage(allowance.Left, recipients.Count, cost)));
            }
        }

        if (draft.RelatedMomentId is { } momentId
            && !await db.Moments.Where(MomentVisibility.VisibleTo(giver)).AnyAsync(m => m.Id == momentId, cancellationToken))
        {
            problems.Add(Refusal.Invalid(nameof(RecognitionDraft.RelatedMomentId), "That moment is not one you can see. Pick a moment from the list or leave it empty."));
        }

        return new Checked(problems, giverName, givenThisMonth);
    }

    /// <summary>Validates and saves a recognition; a repeated request id returns the recognition it created.</summary>
    public async Task<RuleResult<Recognition>> GiveAsync(RecognitionDraft draft, Actor giver, CancellationToken cancellationToken)
    {
        if (await ExistingAsync(giver.Id, draft.RequestId, cancellationToken) is { } already)
        {
            return RuleResult<Recognition>.Done(already);
        }

        var check = await CheckAsync(draft, giver, cancellationToken);
        var problems = check.Problems;
        if (problems.Count > 0)
        {
            // The same form, sent a moment earlier, may have committed while this one was checked.
            return await ExistingAsync(giver.Id, draft.RequestId, cancellationToken) is { } justSaved
                ? RuleResult<Recognition>.Done(justSaved)
                : RuleResult<Recognition>.Refused(problems);
        }

        var rules = await settings.PointsRulesAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var month = MonthOf(now, giver.TimeZoneId);
        var recipients = draft.RecipientIds.Distinct().ToList();
        var cost = draft.Points * recipients.Count;
        if (cost > 0)
        {
            await EnsureAllowanceRowAsync(giver.Id, month, cancellationToken);
        }

        var recognition = new Recognition
        {
            GiverId = giver.Id,
            Message = draft.Message.Trim(),
            Elements = draft.Elements,
            Points = draft.Points,
            RelatedMomentId = draft.RelatedMomentId,
            IsQuiet = draft.IsQuiet,
            RequestId = draft.RequestId,
            CreatedAt = now,
            Recipients = [.. recipients.Select(id => new RecognitionRecipient { RecipientId = id })],
        };

        IReadOnlyList<PointsEntry> points;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The debit and its check are one statement: a concurrent recognition waits for it and
            // then sees the new balance.
            var debited = cost == 0 || await db.Allowances
                .Where(a => a.EmployeeId == giver.Id && a.Month == month && a.Spent + cost <= rules.MonthlyAllowance)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Spent, a => a.Spent + cost), cancellationToken) == 1;
            if (!debited)
            {
                await transaction.RollbackAsync(cancellationToken);
                if (await ExistingAsync(giver.Id, draft.RequestId, cancellationToken) is { } justSaved)
                {
                    return RuleResult<Recognition>.Done(justSaved);
                }

                var left = (await AllowanceAsync(giver.Id, giver.TimeZoneId, cancellationToken)).Left;
                return RuleResult<Recognition>.Refused(Refusal.Invalid(nameof(RecognitionDraft.Points), AllowanceMessage(left, recipients.Count, cost)));
            }

            // A failure rolls the whole transaction back (below), so its saves need no savepoints: two
            // round trips less for each. Turned on again however the block ends.
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                db.Recognitions.Add(recognition);
                await db.SaveChangesAsync(cancellationToken);
                points = await gamification.RecognisedAsync(recognition, giver.TimeZoneId, cancellationToken);
                var giverName = check.GiverName ?? await db.Users.Where(u => u.Id == giver.Id).Select(u => u.DisplayName).SingleAsync(cancellationToken);
                foreach (var recipient in recipients)
                {
                    notifications.Queue(recipient, NotificationKind.RecognitionReceived, ReceivedNotice(giverName, recognition), recognition.Id, $"recognition:{recognition.Id}");
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same form was sent twice at once: the first submission's recognition stands.
                var winner = await ExistingAfterRaceAsync(giver.Id, draft.RequestId, transaction, cancellationToken);
                if (winner is null)
                {
                    throw;
                }

                return RuleResult<Recognition>.Done(winner);
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = true;
            }
        }

        // The recognition is saved: its follow-ups finish even if the client has gone.
        await gamification.AfterActivitiesAsync(
            [(giver.Id, Activity.RecognitionGiven, points.Any(p => p.EmployeeId == giver.Id)),
             .. recipients.Select(r => (r, Activity.RecognitionReceived, points.Any(p => p.EmployeeId == r)))],
            CancellationToken.None);

        // This recognition counts toward the pair's month too.
        await FlagPairsAsync(giver.Id, recipients, recipients.ToDictionary(r => r, r => check.GivenThisMonth.GetValueOrDefault(r) + 1), CancellationToken.None);
        return RuleResult<Recognition>.Done(recognition);
    }

    public bool CanDelete(Recognition recognition, int employeeId) =>
        recognition.GiverId == employeeId && recognition.DeletedAt is null && clock.GetUtcNow().UtcDateTime - recognition.CreatedAt <= EditWindow;

    /// <summary>The giver withdraws within 24 hours: points are reversed and the allowance refunded for that month.</summary>
    public async Task<RuleResult> DeleteAsync(Recognition recognition, Actor giver, CancellationToken cancellationToken)
    {
        if (!CanDelete(recognition, giver.Id))
        {
            return RuleResult.Refused(Refusal.NotAllowed("A recognition can be withdrawn by its giver for 24 hours after giving it."));
        }

        var month = MonthOf(recognition.CreatedAt, giver.TimeZoneId);
        var cost = recognition.Points * await db.RecognitionRecipients.CountAsync(r => r.RecognitionId == recognition.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Withdrawn and refunded only by the request that changes the row: the same withdrawal sent
        // twice at once finds it already withdrawn and refunds nothing, on every engine.
        var withdrawn = await db.Recognitions
            .Where(r => r.Id == recognition.Id && r.DeletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.DeletedAt, now), cancellationToken) == 1;
        if (!withdrawn)
        {
            await transaction.RollbackAsync(cancellationToken);
            return RuleResult.Refused(Refusal.Conflict("This recognition has already been withdrawn."));
        }

        await db.RecognitionRecipients.Where(r => r.RecognitionId == recognition.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.DeletedAt, now), cancellationToken);
        recognition.DeletedAt = now;
        if (db.Entry(recognition).State != EntityState.Detached)
        {
            db.Entry(recognition).Property(r => r.DeletedAt).IsModified = false;
        }

        await db.Allowances.Where(a => a.EmployeeId == giver.Id && a.Month == month)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Spent, a => a.Spent - cost), cancellationToken);
        await gamification.RecognitionDeletedAsync(recognition, cancellationToken);
        audit.Record(giver.Id, "recognition.withdrawn", nameof(Recognition), recognition.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        boards.ActivityChanged(); // withdrawn with ExecuteUpdate, which the change tracker does not see
        return RuleResult.Done;
    }

    /// <summary>What a recipient is told about a recognition, wherever it was given from.</summary>
    public static string ReceivedNotice(string giverName, Recognition recognition)
    {
        var points = recognition.Points > 0 ? $" and {recognition.Points} points" : "";
        return $"{giverName} recognised you{points}: “{Shorten(recognition.Message)}”";
    }

    private static string AllowanceMessage(int left, int recipients, int cost) => recipients > 1
        ? $"You have {left} points left this month; {recipients} colleagues at that amount would need {cost}. Give fewer points each."
        : $"You have {left} points left this month, so you can give at most {left}.";

    public const int MessageKeyLength = 32;

    /// <summary>
    /// The key of a message's words, ignoring case and spacing: the first 16 bytes of the SHA-256 of
    /// its normalised, upper-cased text, in hex. Equal messages have equal keys; a key found is
    /// confirmed by comparing the messages themselves (<see cref="SameWords"/>).
    /// </summary>
    public static string MessageKeyOf(string message) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Normalise(message).ToUpperInvariant())), 0, MessageKeyLength / 2);

    /// <summary>
    /// Whether a message reads as <paramref name="normalised"/> (words separated by single spaces)
    /// once its whitespace is collapsed, ignoring case: what a key found is confirmed by.
    /// </summary>
    internal static bool SameWords(string text, string normalised) =>
        string.Equals(Normalise(text), normalised, StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string? message) => string.Join(' ', (message ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..119] + "…";

    private Task<Recognition?> ExistingAsync(int giverId, Guid requestId, CancellationToken cancellationToken) =>
        requestId == Guid.Empty
            ? Task.FromResult<Recognition?>(null)
            : db.Recognitions.AsNoTracking().SingleOrDefaultAsync(r => r.GiverId == giverId && r.RequestId == requestId, cancellationToken);

    private async Task<Recognition?> ExistingAfterRaceAsync(int giverId, Guid requestId, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await ExistingAsync(giverId, requestId, cancellationToken);
    }

    private async Task EnsureAllowanceRowAsync(int employeeId, DateOnly month, CancellationToken cancellationToken)
    {
        if (await db.Allowances.AnyAsync(a => a.EmployeeId == employeeId && a.Month == month, cancellationToken))
        {
            return;
        }

        var row = new Allowance { EmployeeId = employeeId, Month = month };
        db.Allowances.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created this month's row first.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Pairs who trade recognition back and forth are flagged to admins for a look, not blocked. A
    /// pair has at most one open flag (a unique index): a concurrent recognition that flags the same
    /// pair at the same time finds the flag there and leaves it.
    /// </summary>
    public Task FlagPairsAsync(int giverId, IReadOnlyList<int> recipients, CancellationToken cancellationToken) =>
        FlagPairsAsync(giverId, recipients, null, cancellationToken);

    /// <summary>
    /// The same, given how often the giver thanked each recipient in the last 30 days when it is known
    /// already (a count that misses a recognition given at the same instant only delays a flag).
    /// </summary>
    private async Task FlagPairsAsync(int giverId, IReadOnlyList<int> recipients, IReadOnlyDictionary<int, int>? givenThisMonth, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        foreach (var recipient in recipients)
        {
            var given = givenThisMonth is not null && givenThisMonth.TryGetValue(recipient, out var known)
                ? known
                : await CountGivenAsync(giverId, recipient, since, cancellationToken);
            if (given < PairTradeThreshold)
            {
                continue;
            }

            var back = await CountGivenAsync(recipient, giverId, since, cancellationToken);
            if (back < PairTradeThreshold)
            {
                continue;
            }

            var (first, second) = giverId < recipient ? (giverId, recipient) : (recipient, giverId);
            if (await db.PairFlags.AnyAsync(f => f.FirstId == first && f.SecondId == second && f.ReviewedAt == null, cancellationToken))
            {
                continue;
            }

            var flag = new PairFlag
            {
                FirstId = first,
                SecondId = second,
                FirstToSecond = first == giverId ? given : back,
                SecondToFirst = first == giverId ? back : given,
                FlaggedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.PairFlags.Add(flag);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.Entry(flag).State = EntityState.Detached;
                if (!await db.PairFlags.AsNoTracking().AnyAsync(f => f.FirstId == first && f.SecondId == second && f.ReviewedAt == null, cancellationToken))
                {
                    throw;
                }

                // Flagged a moment ago by the other side's recognition.
            }
        }
    }

    private Task<int> CountGivenAsync(int from, int to, DateTime since, CancellationToken cancellationToken) =>
        db.Recognitions.CountAsync(r => r.GiverId == from && r.DeletedAt == null && r.CreatedAt > since && r.Recipients.Any(x => x.RecipientId == to), cancellationToken);
}

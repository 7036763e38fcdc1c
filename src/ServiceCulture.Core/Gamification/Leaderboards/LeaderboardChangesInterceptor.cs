using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Recognitions;

namespace ServiceCulture.Gamification;

/// <summary>
/// Tells <see cref="LeaderboardCache"/> when EF Core has saved something that moves leaderboards:
/// people's names, teams, activity or opt-outs, team names, moments, recognitions and points. It counts
/// after the save, and again when the save's transaction commits, so a board computed in between is
/// not kept as current. Changes made with <c>ExecuteUpdate</c> are counted where they are made.
/// </summary>
public sealed class LeaderboardChangesInterceptor(LeaderboardCache boards) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] PeopleFields = [nameof(Employee.DisplayName), nameof(Employee.TeamId), nameof(Employee.IsActive), nameof(Employee.LeaderboardOptOut)];

    private readonly ConditionalWeakTable<DbContext, StrongBox<Changes>> seen = [];
    private readonly ConditionalWeakTable<DbTransaction, StrongBox<Changes>> uncommitted = [];

    [Flags]
    private enum Changes
    {
        None = 0,
        People = 1,
        Activity = 2,
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Notice(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Notice(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Notice(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changes = Changes.None;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            changes |= entry.Entity switch
            {
                Employee when entry.State != EntityState.Modified || PeopleFields.Any(f => entry.Property(f).IsModified) => Changes.People,
                Team => Changes.People,
                Moment or Recognition or RecognitionRecipient or PointsEntry => Changes.Activity,
                _ => Changes.None,
            };
        }

        if (changes != Changes.None)
        {
            seen.AddOrUpdate(context, new StrongBox<Changes>(changes));
        }
    }

    private void Count(DbContext? context)
    {
        if (context is null || !seen.TryGetValue(context, out var box))
        {
            return;
        }

        seen.Remove(context);
        Tell(box.Value);
        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            var pending = uncommitted.GetOrCreateValue(transaction);
            pending.Value |= box.Value;
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            seen.Remove(context);
        }
    }

    private void Tell(Changes changes)
    {
        if (changes.HasFlag(Changes.People))
        {
            boards.PeopleChanged();
        }

        if (changes.HasFlag(Changes.Activity))
        {
            boards.ActivityChanged();
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => uncommitted.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        uncommitted.Remove(transaction);
        return Task.CompletedTask;
    }

    private void Committed(DbTransaction transaction)
    {
        if (uncommitted.TryGetValue(transaction, out var pending))
        {
            uncommitted.Remove(transaction);
            Tell(pending.Value);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>
/// On SQLite the portal's transactions queue in the process for the one writer the file allows: a
/// second transaction begins only when the first has committed, rolled back, or been left when its
/// connection closed, and both transactions' writes are kept.
/// </summary>
public sealed class SqliteWriteGateTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_second_transaction_begins_when_the_first_commits_and_both_writes_are_kept()
    {
        await using var first = App.Scope();
        await using var second = App.Scope();
        var one = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var two = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await App.WithDbAsync(db => db.AuditEntries.CountAsync());

        await using var held = await one.Database.BeginTransactionAsync();
        var waiting = two.Database.BeginTransactionAsync();
        await one.AuditEntries.AddAsync(Entry("first"));
        await one.SaveChangesAsync();
        Assert.False(waiting.IsCompleted, "the second transaction began while the first was open");

        await held.CommitAsync();
        await using (var next = await waiting)
        {
            await two.AuditEntries.AddAsync(Entry("second"));
            await two.SaveChangesAsync();
            await next.CommitAsync();
        }

        Assert.Equal(before + 2, await App.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_transaction_rolled_back_or_left_without_either_lets_the_next_one_begin()
    {
        await using var first = App.Scope();
        await using var second = App.Scope();
        var one = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var two = second.ServiceProvider.GetRequiredService<AppDbContext>();

        var rolledBack = await one.Database.BeginTransactionAsync();
        var afterRollback = two.Database.BeginTransactionAsync();
        Assert.False(afterRollback.IsCompleted);
        await rolledBack.RollbackAsync();
        await rolledBack.DisposeAsync();
        await (await afterRollback).DisposeAsync();
        await two.Database.CloseConnectionAsync();

        // Disposed of without a commit or a rollback: the gate is given up when the connection closes.
        await one.Database.OpenConnectionAsync();
        var left = await one.Database.BeginTransactionAsync();
        var afterLeft = two.Database.BeginTransactionAsync();
        Assert.False(afterLeft.IsCompleted);
        await left.DisposeAsync();
        await one.Database.CloseConnectionAsync();
        await (await afterLeft).DisposeAsync();
        await two.Database.CloseConnectionAsync();

        // Disposed of without a commit or a rollback while its connection stays open: the next
        // transaction finds it has ended and begins.
        await one.Database.OpenConnectionAsync();
        var abandoned = await one.Database.BeginTransactionAsync();
        var afterAbandoned = two.Database.BeginTransactionAsync();
        Assert.False(afterAbandoned.IsCompleted);
        await abandoned.DisposeAsync();
        await using var last = await afterAbandoned;
        await last.CommitAsync();
        await one.Database.CloseConnectionAsync();
    }

    private ServiceCulture.Auditing.AuditEntry Entry(string what) => new() { At = App.Factory.Clock.UtcNow, Action = "test.write-gate", Subject = "gate", Detail = what };
}

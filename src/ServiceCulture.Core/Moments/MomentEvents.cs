namespace ServiceCulture.Moments;

/// <summary>Reactions of the rest of the portal to moments being logged, deleted and commented on.</summary>
public sealed class MomentEvents : IMomentEvents
{
    public Task LoggedAsync(Moment moment, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeletedAsync(Moment moment, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CommentedAsync(Moment moment, MomentComment comment, CancellationToken cancellationToken) => Task.CompletedTask;
}

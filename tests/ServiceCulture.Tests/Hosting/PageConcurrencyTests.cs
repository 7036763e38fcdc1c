using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using ServiceCulture.Web.Hosting;

namespace ServiceCulture.Tests.Hosting;

/// <summary>Page requests beyond the limit wait their turn, oldest first; other requests never wait.</summary>
public sealed class PageConcurrencyTests
{
    private sealed class Pages
    {
        private readonly List<TaskCompletionSource> running = [];
        public List<string> Entered { get; } = [];

        public Task RunAsync(HttpContext context)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (running)
            {
                Entered.Add((string)context.Items["name"]!);
                running.Add(done);
            }

            return done.Task;
        }

        public void FinishFirst()
        {
            lock (running)
            {
                running[0].SetResult();
                running.RemoveAt(0);
            }
        }
    }

    private static HttpContext Request(string name, bool page)
    {
        var context = new DefaultHttpContext();
        context.Items["name"] = name;
        var metadata = page ? new EndpointMetadataCollection(new PageActionDescriptor()) : new EndpointMetadataCollection();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, name));
        return context;
    }

    /// <summary>Lets the requests that can go on go on: until <paramref name="count"/> have entered, then a few turns more for any that should not.</summary>
    private static async Task SettleAsync(Pages pages, int count)
    {
        for (var i = 0; i < 500 && pages.Entered.Count < count; i++)
        {
            await Task.Delay(10);
        }

        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Pages_beyond_the_limit_wait_and_enter_in_the_order_they_came()
    {
        var pages = new Pages();
        var limit = new PageConcurrency(pages.RunAsync, 2);

        var requests = new[] { "a", "b", "c", "d" }.Select(name => limit.InvokeAsync(Request(name, page: true))).ToList();
        await SettleAsync(pages, 2);
        Assert.Equal(["a", "b"], pages.Entered);

        pages.FinishFirst();
        await requests[0];
        await SettleAsync(pages, 3);
        Assert.Equal(["a", "b", "c"], pages.Entered);

        pages.FinishFirst();
        await SettleAsync(pages, 4);
        pages.FinishFirst();
        Assert.Equal(["a", "b", "c", "d"], pages.Entered);
        pages.FinishFirst();
        await Task.WhenAll(requests);
    }

    [Fact]
    public async Task Requests_that_are_not_pages_do_not_wait_for_a_permit()
    {
        var pages = new Pages();
        var limit = new PageConcurrency(pages.RunAsync, 1);

        var page = limit.InvokeAsync(Request("page", page: true));
        var health = limit.InvokeAsync(Request("health", page: false));
        await SettleAsync(pages, 2);

        Assert.Equal(["page", "health"], pages.Entered);
        pages.FinishFirst();
        pages.FinishFirst();
        await Task.WhenAll(page, health);
    }

    [Theory]
    [InlineData(null, 8)]
    [InlineData("3", 3)]
    [InlineData("0", 1)]
    public void The_limit_comes_from_the_setting_or_eight_per_processor(string? setting, int perProcessorOrValue)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PageConcurrency.Setting] = setting }).Build();
        var expected = setting is null ? perProcessorOrValue * Environment.ProcessorCount : perProcessorOrValue;
        Assert.Equal(expected, PageConcurrency.LimitFrom(configuration));
    }
}

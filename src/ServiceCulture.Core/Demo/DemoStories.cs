using ServiceCulture.Moments;

namespace ServiceCulture.Demo;

/// <summary>The service moments the demo organisation has lived, in the portal's own words.</summary>
internal static class DemoStories
{
    internal sealed record Story(MomentKind Kind, string Title, string Text, ServiceElements Elements, CustomerKind Customer, string? External, string? Lesson);

    internal static readonly Story[] Truths =
    [
        new(MomentKind.Truth, "First call with a new account", "The customer's first question was about invoices, not the product. I answered the question they asked and only then walked them through onboarding.", ServiceElements.Focus | ServiceElements.GivenLife, CustomerKind.External, "a new account's finance lead", "Answer the question actually asked before moving on to yours."),
        new(MomentKind.Truth, "Handover notes for the night shift", "Wrote the handover so the night shift could pick up three open cases without calling anyone. Short, plain language, one owner per case.", ServiceElements.Defined | ServiceElements.GivenLife, CustomerKind.Team, null, null),
        new(MomentKind.Truth, "Quarter-end numbers for Sales", "Sales needed the renewal figures before their Monday review. Sent them on Friday with a note on the two numbers that would raise questions.", ServiceElements.Focus | ServiceElements.Measured, CustomerKind.Team, null, "Flag the surprising numbers before someone else finds them."),
        new(MomentKind.Truth, "Explaining a delay without jargon", "A customer asked why the parcel was stuck. Instead of 'customs clearance exception' I said: the paperwork needs one more signature, and here is when it moves.", ServiceElements.GivenLife | ServiceElements.ProblemSolving, CustomerKind.External, "a caller about a late delivery", "Plain language calms people down faster than accuracy in jargon."),
        new(MomentKind.Truth, "Onboarding a new colleague", "Spent the morning with our new starter going through the tools, and wrote down the three things I wish I had known in my first week.", ServiceElements.Reinforced | ServiceElements.Defined, CustomerKind.Colleague, null, null),
    ];

    internal static readonly Story[] Magic =
    [
        new(MomentKind.Magic, "Called back before they asked", "The customer's order was going to be a day late. I called them before the delivery window opened, offered an earlier slot the next morning and they thanked us for the warning.", ServiceElements.Focus | ServiceElements.ProblemSolving, CustomerKind.External, "a regular customer", "A bad-news call made early feels like good service."),
        new(MomentKind.Magic, "Payroll fixed in an hour", "A colleague's overtime was missing from the payslip. Found the cause, ran a correction the same day and explained what would show on the next slip.", ServiceElements.Focus | ServiceElements.ProblemSolving, CustomerKind.Colleague, null, "Fix it first, then explain; the explanation lands better when the money is there."),
        new(MomentKind.Magic, "The demo that started with their problem", "Instead of our standard slides I opened with the spreadsheet the prospect had sent us and rebuilt it in the product live. They signed the same week.", ServiceElements.ProblemSolving | ServiceElements.GivenLife, CustomerKind.External, "a prospect in logistics", null),
        new(MomentKind.Magic, "Laptop ready on day one", "IT had the new starter's laptop, accounts and a printed welcome sheet on the desk before 9. She said it was the smoothest first day she has had anywhere.", ServiceElements.Focus | ServiceElements.Defined, CustomerKind.Colleague, null, null),
        new(MomentKind.Magic, "Picked up the phone instead of replying", "The email thread about the contract renewal was getting tense. I called, listened for ten minutes, and we agreed the change in one conversation.", ServiceElements.GivenLife | ServiceElements.ProblemSolving, CustomerKind.External, "a long-standing client", "When a message could be misread, call."),
        new(MomentKind.Magic, "A checklist the whole team now uses", "After helping Finance with the month-end close three times, I turned what we did into a shared checklist. This month they closed a day early.", ServiceElements.Defined | ServiceElements.Reinforced | ServiceElements.Measured, CustomerKind.Team, null, "Shared procedures make good service repeatable."),
        new(MomentKind.Magic, "Survey follow-up that turned a 6 into a 9", "A customer scored us 6 in the survey. I called to ask why, fixed the billing address issue they mentioned, and they re-rated us 9.", ServiceElements.Measured | ServiceElements.ProblemSolving, CustomerKind.External, "a survey respondent", "Every complaint heard stands for many unheard."),
    ];

    internal static readonly Story[] Miseries =
    [
        new(MomentKind.Misery, "Invoice sent to the wrong address", "The quarterly invoice went to the customer's old office. They found out from a payment reminder, which felt like an accusation.", ServiceElements.Measured | ServiceElements.ProblemSolving, CustomerKind.External, "Northwind Traders", null),
        new(MomentKind.Misery, "Report promised for Monday arrived Wednesday", "I promised Sales the pipeline report for their Monday meeting and it arrived two days late. They went into the meeting without numbers.", ServiceElements.Focus | ServiceElements.Measured, CustomerKind.Team, null, null),
        new(MomentKind.Misery, "Customer bounced between three teams", "A caller with a damaged delivery was transferred three times and explained the problem each time. She asked to close her account.", ServiceElements.GivenLife | ServiceElements.Defined, CustomerKind.External, "a caller with a damaged delivery", null),
        new(MomentKind.Misery, "Access request left for a week", "A colleague asked for access to the shared drive and nobody owned the request. She could not do her work for five days.", ServiceElements.Focus | ServiceElements.Defined, CustomerKind.Colleague, null, null),
        new(MomentKind.Misery, "Said no without an alternative", "A customer asked to change the delivery day and I said it was not possible. They complained that we did not even try.", ServiceElements.ProblemSolving, CustomerKind.External, "a customer changing a delivery day", null),
    ];

    internal static readonly Story[] Recoveries =
    [
        new(MomentKind.Recovery, "Invoice corrected and the reminder withdrawn", "Called the customer the same morning, withdrew the reminder, sent the invoice to the right address with extra time to pay, and corrected the address in the billing system and the CRM.", ServiceElements.ProblemSolving | ServiceElements.Measured, CustomerKind.External, "Northwind Traders", "Check the address on the first invoice after any move, not the third."),
        new(MomentKind.Recovery, "Report delivered with a standing slot", "Apologised to the Sales team, sent the report with a summary of what changed, and we agreed a standing Friday slot so it never depends on memory again.", ServiceElements.Focus | ServiceElements.Reinforced, CustomerKind.Team, null, "Put recurring promises in the calendar, not in your head."),
        new(MomentKind.Recovery, "One owner for the damaged delivery", "Took ownership of the case, sent a replacement the next day at our cost, called her back to confirm it arrived, and proposed a 'no second transfer' rule for damaged-delivery calls.", ServiceElements.ProblemSolving | ServiceElements.GivenLife | ServiceElements.Defined, CustomerKind.External, "a caller with a damaged delivery", "The first person who hears the problem owns it."),
    ];

    internal static readonly string[] RecoveryNotes =
    [
        "Dealt with the customer first; the why came later.",
        "I owned it end to end and gave my direct number.",
        "We absorbed the cost without asking them to prove anything.",
        "Found the cause and changed the step that let it happen.",
        "Apologised plainly and told them what we changed.",
    ];

    internal static readonly string[] Thanks =
    [
        "Thank you for staying late to fix the invoice run so Sales could close the quarter.",
        "You picked up my customer's call while I was out and solved it before I was back. That is service.",
        "Your handover notes were so clear that the night shift did not need to call anyone.",
        "Thanks for explaining the new billing rules in plain language; the whole team finally gets it.",
        "You answered my question the same hour and offered a better option than the one I asked for.",
        "Thank you for taking ownership of the damaged delivery case from start to finish.",
        "The checklist you shared saved us a day at month end. Thank you for making it repeatable.",
        "You listened first and then fixed exactly what I needed. It made my week easier.",
        "Thanks for calling the customer instead of emailing; it turned a complaint into a compliment.",
        "You made our new starter feel welcome from the first minute. Thank you.",
        "Thank you for the survey follow-up calls; the feedback changed how we plan deliveries.",
        "You found the cause of the access problem and made sure it cannot happen again.",
    ];

    internal static readonly string[] Comments =
    [
        "Great example, thanks for writing it up.",
        "We had the same thing last month; stealing this approach.",
        "Love that you called instead of emailing.",
        "Could we add this to the onboarding checklist?",
        "This is exactly what 'own it' looks like.",
    ];

    public static readonly string[] ReviewComments =
    [
        "Clear examples in the moments this period.",
        "Shows it with colleagues as much as with customers.",
        "Room to do this before being asked.",
        "The recovery work stood out.",
        "Consistent, and others pick it up from you.",
    ];

    public static readonly string[] RatingComments =
    [
        "Answered the same day and checked that it solved our problem.",
        "Clear about what happens next; we never had to chase.",
        "Helpful, though we were passed between two people before someone owned it.",
        "Explained the options in plain words instead of just saying no.",
        "Picked up the phone when the email thread got confusing. Thank you.",
        "Slow to start, but the fix was thorough and in our favour.",
    ];
}

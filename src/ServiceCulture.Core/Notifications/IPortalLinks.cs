namespace ServiceCulture.Notifications;

/// <summary>
/// Addresses of the portal's places, for notifications, nudges and emails: the web host knows its
/// routes and Core does not, so Core asks for a place by what it is.
/// </summary>
public interface IPortalLinks
{
    /// <summary>Where a notification of this kind about this subject leads the person.</summary>
    string ForNotification(NotificationKind kind, long? subjectId, int employeeId);

    string Moment(long momentId);

    string RecoverMisery(long momentId);

    string NewMoment();

    string GiveRecognition(int? toEmployeeId = null);

    string CaseStudy(long caseStudyId);

    string Home();

    /// <summary>The employee's self-assessment form of a review.</summary>
    string SelfAssessment(long reviewId);

    /// <summary>The manager's assessment form of a review.</summary>
    string Assessment(long reviewId);

    /// <summary>The form on which a colleague answers a feedback request.</summary>
    string Feedback(long feedbackRequestId);

    /// <summary>The six-element report of one month for a team, or for the organisation when <paramref name="teamId"/> is null.</summary>
    string Report(int? teamId, DateOnly month);
}

using ServiceCulture.Notifications;

namespace ServiceCulture.Web.Hosting;

/// <summary>The portal's routes for the places Core names in notifications, nudges and emails.</summary>
public sealed class PortalLinks : IPortalLinks
{
    public string ForNotification(NotificationKind kind, long? subjectId, int employeeId) =>
        Pages.Notifications.IndexModel.Link(kind, subjectId, employeeId);

    public string Moment(long momentId) => $"/Moments/{momentId}";

    public string RecoverMisery(long momentId) => $"/Moments/{momentId}/Recover";

    public string NewMoment() => "/Moments/New";

    public string GiveRecognition(int? toEmployeeId = null) => toEmployeeId is { } to ? $"/Recognition/Give?to={to}" : "/Recognition/Give";

    public string CaseStudy(long caseStudyId) => $"/Learn/CaseStudies/{caseStudyId}";

    public string Home() => "/";

    public string SelfAssessment(long reviewId) => $"/Reviews/{reviewId}#self-heading";

    public string Assessment(long reviewId) => $"/Reviews/{reviewId}#assessment-heading";

    public string Feedback(long feedbackRequestId) => $"/Reviews/Feedback/{feedbackRequestId}";

    public string Report(int? teamId, DateOnly month) => teamId is { } team
        ? $"/Reports?team={team}&period=month&month={month:yyyy-MM}"
        : $"/Reports?scope=organisation&period=month&month={month:yyyy-MM}";
}

namespace Kindred.Core.Audit;

/// <summary>The names of audited actions, stored in <c>AuditEntry.Action</c>; never rename one (old entries keep it).</summary>
public static class AuditActions
{
    public const string RoleChange = "role.change";
    public const string ApplicationApprove = "application.approve";
    public const string ApplicationReject = "application.reject";
    public const string AccountSuspend = "account.suspend";
    public const string AccountDeletionSchedule = "account.deletion_schedule";
    public const string SafeguardingLeadAppoint = "safeguarding.lead_appoint";
    public const string SafeguardingLeadRemove = "safeguarding.lead_remove";
    public const string HelperVet = "safeguarding.helper_vet";
    public const string HelperRevoke = "safeguarding.helper_revoke";
    public const string EscalationReview = "safeguarding.escalation_review";
    public const string SafetyReview = "safeguarding.safety_review";
    public const string InvitationRevoke = "invitation.revoke";
    public const string AidCategoryAdd = "aid_category.add";
    public const string AidCategoryUpdate = "aid_category.update";
    public const string CustomEmojiAdd = "custom_emoji.add";
    public const string CustomEmojiUpdate = "custom_emoji.update";
    public const string CustomEmojiDelete = "custom_emoji.delete";
    public const string PlaceAdd = "place.add";
    public const string PlaceUpdate = "place.update";
    public const string PlaceDelete = "place.delete";
    public const string PlaceImport = "place.import";
    public const string OrganizationUpdate = "organization.update";
    public const string RetentionUpdate = "organization.retention_update";
    public const string OrganizationAccountCreate = "organization.account_create";
    public const string OrganizationAct = "organization.act";
    public const string OrganizationGrant = "organization.grant";
    public const string PeopleListView = "people.list_view";
    public const string PeopleExport = "people.export";
    public const string SupporterView = "people.supporter_view";
    public const string ReportAssign = "report.assign";
    public const string ReportDismiss = "report.dismiss";
    public const string ReportUnassign = "report.unassign";
    public const string ReportReopen = "report.reopen";
    public const string ReportUpdate = "report.update";
    public const string StrikeAdd = "moderation.strike";
    public const string StrikeUndo = "moderation.undo";
    public const string AnnouncementCreate = "announcement.create";
    public const string AnnouncementUpdate = "announcement.update";
    public const string AnnouncementPublish = "announcement.publish";
    public const string AnnouncementUnpublish = "announcement.unpublish";
    public const string AnnouncementDelete = "announcement.delete";
    public const string AnnouncementEmail = "announcement.email";
    public const string StaffNoteAdd = "people.note_add";
    public const string StaffNoteEdit = "people.note_edit";
    public const string StaffTagAdd = "people.tag_add";
    public const string StaffTagRemove = "people.tag_remove";
    public const string InboxDone = "inbox.done";
    public const string InboxSnooze = "inbox.snooze";
    public const string InboxAssign = "inbox.assign";
    public const string AccountUnsuspend = "account.unsuspend";
    public const string EmailDomainBlock = "signup.email_domain_block";
    public const string EmailDomainUnblock = "signup.email_domain_unblock";
    public const string SignUpIpRuleAdd = "signup.ip_rule_add";
    public const string SignUpIpRuleRemove = "signup.ip_rule_remove";
    public const string ModeratorNoteAdd = "moderation.note_add";
    public const string ModeratorNoteDelete = "moderation.note_delete";
    public const string GroupKick = "group.kick";
    public const string GroupBan = "group.ban";
    public const string GroupUnban = "group.unban";
    public const string GroupRemovePost = "group.remove_post";
    public const string GroupRestorePost = "group.restore_post";
    public const string GroupPin = "group.pin";
    public const string GroupUnpin = "group.unpin";
    public const string GroupRoleChange = "group.role_change";
    public const string GroupTransfer = "group.transfer";
    public const string GroupRequestApprove = "group.request_approve";
    public const string GroupRequestReject = "group.request_reject";
    public const string GroupReportDismiss = "group.report_dismiss";
    public const string AppealCreate = "appeal.create";
    public const string AppealApprove = "appeal.approve";
    public const string AppealReject = "appeal.reject";

    /// <summary>Every action, for the filter on /admin/audit: every constant above, in their order, so a new action
    /// cannot be left out of the filter.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}

package io.lrasaga.coordinator.admin;

/** What an operator action left behind: the LRA's status afterwards. */
public record ActionResult(String uid, String action, String status) {
}

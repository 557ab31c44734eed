package io.lrasaga.orm.testapp;

import io.lrasaga.orm.CommittedView;
import io.lrasaga.participant.Compensable;
import io.lrasaga.participant.ReadView;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Saga steps over {@link Widget}: every kind of write, plus plain (non-saga) ones. */
@Path("/widgets")
@Produces(MediaType.APPLICATION_JSON)
public class WidgetResource {

    @POST
    @Path("{id}")
    @Compensable
    @Transactional
    public Widget create(@PathParam("id") String id, @QueryParam("label") String label) {
        Widget widget = new Widget();
        widget.id = id;
        widget.label = label;
        widget.persist();
        return widget;
    }

    @PUT
    @Path("{id}/label")
    @Compensable
    @Transactional
    public Widget relabel(@PathParam("id") String id, @QueryParam("label") String label) {
        Widget widget = load(id);
        widget.label = label;
        return widget;
    }

    @PUT
    @Path("{id}/count")
    @Compensable
    @Transactional
    public Widget add(@PathParam("id") String id, @QueryParam("delta") long delta) {
        Widget widget = load(id);
        widget.count += delta;
        return widget;
    }

    @PUT
    @Path("{id}/amount")
    @Compensable
    @Transactional
    public Widget addAmount(@PathParam("id") String id, @QueryParam("delta") java.math.BigDecimal delta) {
        Widget widget = load(id);
        widget.amount = widget.amount.add(delta);
        return widget;
    }

    @DELETE
    @Path("{id}")
    @Compensable
    @Transactional
    public void delete(@PathParam("id") String id) {
        load(id).delete();
    }

    /** A write outside any saga. */
    @PUT
    @Path("{id}/plain-label")
    @Transactional
    public Widget relabelOutsideSaga(@PathParam("id") String id, @QueryParam("label") String label) {
        Widget widget = load(id);
        widget.label = label;
        return widget;
    }

    @Inject
    CommittedView committedView;

    @GET
    @Path("{id}")
    public Widget get(@PathParam("id") String id, @QueryParam(ReadView.PARAMETER) String view) {
        Widget widget = ReadView.parse(view) == ReadView.COMMITTED
                ? committedView.find(Widget.class, id).orElse(null)
                : Widget.findById(id);
        if (widget == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no widget " + id);
        }
        return widget;
    }

    private static Widget load(String id) {
        Widget widget = Widget.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (widget == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no widget " + id);
        }
        return widget;
    }
}

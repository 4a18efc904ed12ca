/** A user's module: it needs only the socket API's module. */
module io.rudp.consumer {
    requires io.rudp;

    exports io.rudp.consumer;
}

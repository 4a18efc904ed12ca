/**
 * File transfer over one rudp connection, reusable outside the commands: {@link
 * io.rudp.cli.transfer.FileSender} and {@link io.rudp.cli.transfer.FileReceiver} speak the
 * protocol described in {@link io.rudp.cli.transfer.TransferProtocol}; a {@link
 * io.rudp.cli.transfer.TransferListener} follows the progress ({@link
 * io.rudp.cli.transfer.ProgressBarListener} draws a progress bar).
 */
package io.rudp.cli.transfer;

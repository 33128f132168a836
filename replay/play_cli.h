/* x400replay play: the command line of the live player (see README.md,
 * "Playing a scenario live"): a scenario's initiator against an MTA
 * (--as initiator --to HOST:PORT), its responder for an MTA that connects
 * (--as responder --listen [ADDR:]PORT), or both over loopback in a private
 * network namespace (--loopback); --capture writes what the kernel sent. */
#ifndef X4P_PLAY_CLI_H
#define X4P_PLAY_CLI_H

/* argv[1] is "play".  Exit status: 0 played as the scenario says; 1 a local
 * failure (socket, capture); 2 bad command line or scenario, or steps no
 * socket can play (nothing was sent); 3 the peer did otherwise (reported). */
int x4p_cmd_play(int argc, char **argv);

/* For --help: the usage lines and the options of play. */
extern const char x4p_play_usage[];
extern const char x4p_play_options[];

#endif

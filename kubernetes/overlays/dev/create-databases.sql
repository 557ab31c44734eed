-- Run once by the postgres image on an empty data directory.
CREATE DATABASE orders;
CREATE DATABASE inventory;
CREATE DATABASE payments;

import { Module } from '@nestjs/common';
import { PurgeExpiredDataUseCase } from '../../application/purge-expired-data.use-case.js';
import { UseCasesModule } from '../../use-cases.module.js';
import { RetentionSweeper } from './retention-sweeper.js';

/** The periodic retention sweep, for long-running servers (a Lambda container is frozen between events). */
@Module({
  imports: [UseCasesModule],
  providers: [
    {
      provide: RetentionSweeper,
      inject: [PurgeExpiredDataUseCase],
      useFactory: (purge: PurgeExpiredDataUseCase) => new RetentionSweeper(() => purge.execute()),
    },
  ],
})
export class RetentionModule {}
